"""agency workflow: package status and acceptance, agency phone and licence, account approval,
password resets

Revision ID: 0007
Revises: 0004
Create Date: 2026-12-01 23:10:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("packages", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status", sa.String(length=10), nullable=False, server_default="draft")
        )
        batch_op.add_column(sa.Column("accepted_by", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("accepted_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("accepted_note", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_check_constraint(
            batch_op.f("ck_packages_status"), "status IN ('draft', 'sent', 'accepted')"
        )
    # Packages shared before this revision were sent to someone.
    op.execute("UPDATE packages SET status = 'sent' WHERE share_token IS NOT NULL")
    with op.batch_alter_table("agency_profiles", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("phone", sa.String(length=40), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("licence_number", sa.String(length=60), nullable=False, server_default="")
        )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True))
    # Accounts that could log in were approved; inactive agencies are sign-ups still waiting.
    op.execute("UPDATE users SET approved_at = created_at WHERE active OR role_name <> 'agency'")
    op.create_table(
        "password_resets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_password_resets_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
            name=op.f("fk_password_resets_created_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_password_resets")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_password_resets_token_sha256")),
    )
    op.create_index(op.f("ix_password_resets_user_id"), "password_resets", ["user_id"])


def downgrade():
    op.drop_index(op.f("ix_password_resets_user_id"), table_name="password_resets")
    op.drop_table("password_resets")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("approved_at")
    with op.batch_alter_table("agency_profiles", schema=None) as batch_op:
        batch_op.drop_column("licence_number")
        batch_op.drop_column("phone")
    with op.batch_alter_table("packages", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_packages_status"), type_="check")
        batch_op.drop_column("accepted_at")
        batch_op.drop_column("accepted_note")
        batch_op.drop_column("accepted_by")
        batch_op.drop_column("accepted_on")
        batch_op.drop_column("status")
