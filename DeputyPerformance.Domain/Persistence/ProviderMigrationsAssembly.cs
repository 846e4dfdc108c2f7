using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DeputyPerformance.Domain.Persistence;

/// <summary>
/// One migration set per engine in the same assembly, told apart by namespace (decision 0070): SQLite's in
/// <c>Persistence/Migrations</c>, PostgreSQL's in <c>Persistence/PostgreSqlMigrations</c>. EF's own lookup takes every
/// migration and the first snapshot of the context type, whichever engine they were generated for; this one offers
/// only the configured engine's, at run time and to <c>dotnet ef migrations add</c> alike.
/// </summary>
internal sealed class ProviderMigrationsAssembly : IMigrationsAssembly
{
    public const string SqliteNamespace = "DeputyPerformance.Domain.Persistence.Migrations";
    public const string PostgreSqlNamespace = "DeputyPerformance.Domain.Persistence.PostgreSqlMigrations";

    private readonly IMigrationsIdGenerator _ids;
    private readonly Lazy<IReadOnlyDictionary<string, TypeInfo>> _migrations;
    private readonly Lazy<ModelSnapshot?> _snapshot;

    public ProviderMigrationsAssembly(IDbContextOptions options, IMigrationsIdGenerator ids)
    {
        _ids = ids;
        var ns = NamespaceOf(DatabaseEngine.Of(options));
        var types = Assembly.DefinedTypes
            .Where(t => !t.IsAbstract && t.Namespace == ns && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(DeputyDbContext))
            .ToList();
        _migrations = new(() => types
            .Where(t => t.IsSubclassOf(typeof(Migration)) && t.GetCustomAttribute<MigrationAttribute>() is not null)
            .Select(t => (Id: t.GetCustomAttribute<MigrationAttribute>()!.Id, Type: t))
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .ToDictionary(m => m.Id, m => m.Type));
        _snapshot = new(() => types.Where(t => t.IsSubclassOf(typeof(ModelSnapshot)))
            .Select(t => (ModelSnapshot)Activator.CreateInstance(t.AsType())!)
            .FirstOrDefault());
    }

    public static string NamespaceOf(DatabaseProvider provider) =>
        provider == DatabaseProvider.PostgreSQL ? PostgreSqlNamespace : SqliteNamespace;

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations.Value;

    public ModelSnapshot? ModelSnapshot => _snapshot.Value;

    public Assembly Assembly => typeof(DeputyDbContext).Assembly;

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys.Where(_ids.IsValidId(nameOrId)
                ? id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
                : id => string.Equals(_ids.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase))
            .FirstOrDefault();

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }
}
