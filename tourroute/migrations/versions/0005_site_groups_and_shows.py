"""planner: site groups, show offers, the days a theme needs

Revision ID: 0005
Revises: 0006
Create Date: 2026-12-01 23:20:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0005"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "site_groups",
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("name_vi", sa.String(length=300), nullable=False),
        sa.Column("name_en", sa.String(length=300), nullable=False),
        sa.Column("members", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("slug", name=op.f("pk_site_groups")),
    )
    op.create_table(
        "show_offers",
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("venue_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name_vi", sa.String(length=300), nullable=False),
        sa.Column("name_en", sa.String(length=300), nullable=False),
        sa.Column("hours", sa.Text(), nullable=False),
        sa.Column("duration_min", sa.Integer(), nullable=False),
        sa.Column("duration_source", sa.Text(), nullable=False),
        sa.Column("booking_note_vi", sa.Text(), nullable=False),
        sa.Column("booking_note_en", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["venue_id"],
            ["places.id"],
            name=op.f("fk_show_offers_venue_id_places"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("slug", name=op.f("pk_show_offers")),
    )
    with op.batch_alter_table("show_offers") as batch:
        batch.create_index(batch.f("ix_show_offers_venue_id"), ["venue_id"], unique=False)
    with op.batch_alter_table("themes") as batch:
        batch.add_column(sa.Column("days", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("themes") as batch:
        batch.drop_column("days")
    with op.batch_alter_table("show_offers") as batch:
        batch.drop_index(batch.f("ix_show_offers_venue_id"))
    op.drop_table("show_offers")
    op.drop_table("site_groups")
