"""places: the `approximate` precision level, the 2025 commune or ward, website and phone

Revision ID: 0006
Revises: 0008
Create Date: 2026-12-01 23:10:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0008"
branch_labels = None
depends_on = None

_OLD = "precision IN ('exact', 'village', 'commune')"
_NEW = "precision IN ('exact', 'approximate', 'village', 'commune')"


def upgrade():
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_places_precision"), type_="check")
        batch_op.alter_column(
            "precision", existing_type=sa.String(length=10), type_=sa.String(length=12)
        )
        batch_op.create_check_constraint(batch_op.f("ck_places_precision"), _NEW)
        batch_op.add_column(sa.Column("commune_2025", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("commune_2025_source", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("website", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("phone", sa.String(length=60), nullable=False, server_default="")
        )


def downgrade():
    op.execute("UPDATE places SET precision = 'village' WHERE precision = 'approximate'")
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.drop_column("phone")
        batch_op.drop_column("website")
        batch_op.drop_column("commune_2025_source")
        batch_op.drop_column("commune_2025")
        batch_op.drop_constraint(batch_op.f("ck_places_precision"), type_="check")
        batch_op.alter_column(
            "precision", existing_type=sa.String(length=12), type_=sa.String(length=10)
        )
        batch_op.create_check_constraint(batch_op.f("ck_places_precision"), _OLD)
