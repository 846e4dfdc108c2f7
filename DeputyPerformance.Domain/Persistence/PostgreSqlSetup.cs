namespace DeputyPerformance.Domain.Persistence;

/// <summary>What the PostgreSQL engine needs before Npgsql is first used.</summary>
internal static class PostgreSqlSetup
{
    /// <summary>
    /// The app keeps UTC instants in <see cref="DateTime"/> properties whose kind is not always set (values read back
    /// from SQLite, parsed from files, built from a date). Npgsql's default mapping (timestamptz, UTC kind only) would
    /// refuse them at run time; its legacy mapping stores them as <c>timestamp without time zone</c>, exactly the
    /// wall-clock value SQLite stores. Decision 0071. Must run before any Npgsql type mapping is built.
    /// </summary>
    public static void UseLegacyTimestamps() => AppContext.SetSwitch("Npgsql.EnableLegacyTimestampBehavior", true);
}
