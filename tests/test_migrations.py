from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import app.models  # noqa: F401  (registers the tables)
from migrations.env_filters import include_name
from seed.build import alembic_config, migrate


def test_models_and_migration_head_agree(tmp_path: Path) -> None:
    database = tmp_path / "schema.sqlite3"
    migrate(database)
    engine = create_engine(f"sqlite:///{database}")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        assert compare_metadata(context, SQLModel.metadata) == []
        head = ScriptDirectory.from_config(alembic_config(database)).get_current_head()
        assert context.get_current_revision() == head
    engine.dispose()


def test_there_is_a_single_migration_head() -> None:
    script = ScriptDirectory.from_config(alembic_config(Path("unused.sqlite3")))
    assert len(script.get_heads()) == 1
