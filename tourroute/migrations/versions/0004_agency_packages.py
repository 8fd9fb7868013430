"""agency: profiles (branding, rates), tour packages, API tokens

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 01:56:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agency_profiles",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("agency_name", sa.String(length=200), nullable=False),
        sa.Column("contact", sa.String(length=300), nullable=False),
        sa.Column("accent_hex", sa.String(length=7), nullable=False),
        sa.Column("logo_png", sa.LargeBinary(), nullable=True),
        sa.Column("rates", sa.JSON(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("vnd_per_unit", sa.Float(), nullable=True),
        sa.CheckConstraint(
            "currency IN ('VND', 'USD', 'EUR')", name=op.f("ck_agency_profiles_currency")
        ),
        sa.CheckConstraint(
            "vnd_per_unit IS NULL OR vnd_per_unit > 0", name=op.f("ck_agency_profiles_rate")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_agency_profiles_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_agency_profiles")),
    )
    op.create_table(
        "packages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("adults", sa.Integer(), nullable=False),
        sa.Column("children", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("itinerary_json", sa.JSON(), nullable=False),
        sa.Column("source_itinerary_id", sa.String(length=36), nullable=True),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("share_token", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("lang IN ('vi', 'en')", name=op.f("ck_packages_lang")),
        sa.CheckConstraint(
            "adults >= 0 AND children >= 0 AND adults + children >= 1",
            name=op.f("ck_packages_group"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_packages_owner_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_packages")),
        sa.UniqueConstraint("share_token", name=op.f("uq_packages_share_token")),
    )
    op.create_index(op.f("ix_packages_owner_id"), "packages", ["owner_id"])
    op.create_index(op.f("ix_packages_archived"), "packages", ["archived"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_tokens_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_api_tokens_token_sha256")),
    )
    op.create_index(op.f("ix_api_tokens_user_id"), "api_tokens", ["user_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_api_tokens_user_id"), table_name="api_tokens")
    op.drop_table("api_tokens")
    op.drop_index(op.f("ix_packages_archived"), table_name="packages")
    op.drop_index(op.f("ix_packages_owner_id"), table_name="packages")
    op.drop_table("packages")
    op.drop_table("agency_profiles")
