namespace Afya.Api.Platform.Data;

// A row with a stable public number beside its id: seeds whose clients use integer ids (Dira) see and send it, native
// routes keep the id. The database assigns it on insert, so two nodes inserting at once never take the same number:
// an identity column on PostgreSQL; on SQLite (which generates values only for the INTEGER PRIMARY KEY) an AFTER INSERT
// trigger draws it from an AUTOINCREMENT table kept empty (its sqlite_sequence row is the counter), inside the
// inserting statement's write lock. Numbers are never reused, not even after the newest row is deleted.
public interface IPublicNumbered
{
    int PublicNumber { get; }
}

public static class PublicNumbers
{
    public const string Column = "public_number";

    // The SQLite side of a numbered table, written into the migration that adds the column: existing rows keep their
    // rowid order as their numbers, and the counter starts after them.
    public static string SqliteUp(string table) => $"""
        UPDATE {table} SET {Column} = rowid;
        CREATE TABLE {table}_numbers (n INTEGER PRIMARY KEY AUTOINCREMENT);
        INSERT INTO {table}_numbers (n) SELECT max(rowid) FROM {table} WHERE EXISTS (SELECT 1 FROM {table});
        DELETE FROM {table}_numbers;
        CREATE TRIGGER {table}_number AFTER INSERT ON {table} WHEN new.{Column} = 0 BEGIN
            INSERT INTO {table}_numbers (n) VALUES (NULL);
            UPDATE {table} SET {Column} = last_insert_rowid() WHERE rowid = new.rowid;
            DELETE FROM {table}_numbers;
        END;
        """;

    public static string SqliteDown(string table) => $"DROP TRIGGER IF EXISTS {table}_number; DROP TABLE IF EXISTS {table}_numbers;";

    internal sealed class Model : IProviderModelConfiguration
    {
        public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider)
        {
            foreach (var type in modelBuilder.Model.GetEntityTypes().Where(t => typeof(IPublicNumbered).IsAssignableFrom(t.ClrType)).ToList())
            {
                var entity = modelBuilder.Entity(type.ClrType);
                var property = entity.Property<int>(nameof(IPublicNumbered.PublicNumber)).HasColumnName(Column).ValueGeneratedOnAdd();
                entity.HasIndex(nameof(IPublicNumbered.PublicNumber)).IsUnique();
                if (provider == DatabaseProvider.Postgres) property.UseIdentityByDefaultColumn();
                else
                {
                    // EF leaves 0 out of the INSERT; the trigger replaces it, and EF reads the row back by rowid
                    // instead of RETURNING (which SQLite answers before AFTER triggers run).
                    property.HasDefaultValueSql("0");
                    entity.ToTable(type.GetTableName()!, t => t.UseSqlReturningClause(false));
                }
            }
        }
    }
}
