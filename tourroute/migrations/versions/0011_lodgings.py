"""catalogue: named hotels and homestays of the overnight areas

Revision ID: 0011
Revises: 0005
Create Date: 2026-12-02 02:50:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lodgings",
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(length=60), nullable=False),
        sa.Column("website", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("checked", sa.Date(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('hotel', 'homestay', 'resort')", name=op.f("ck_lodgings_kind")
        ),
        sa.ForeignKeyConstraint(
            ["area_id"],
            ["places.id"],
            name=op.f("fk_lodgings_area_id_places"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("slug", name=op.f("pk_lodgings")),
    )
    with op.batch_alter_table("lodgings") as batch:
        batch.create_index(batch.f("ix_lodgings_area_id"), ["area_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("lodgings") as batch:
        batch.drop_index(batch.f("ix_lodgings_area_id"))
    op.drop_table("lodgings")
