using System.Text.Json;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Organization;

namespace DeputyPerformance.Domain.Roster;

/// <summary>
/// The roster file contract (domain.md section 7): column names in English or Chinese and the accepted spellings
/// of level, gender and yes/no. The Chinese spellings are data of the file format, kept in RosterFormat.json,
/// as are the name endings that make a new town a sub-district and a new station a town-centre station.
/// </summary>
public static class RosterFormat
{
    public const string Term = "term";
    public const string DeputyNumber = "deputy_number";
    public const string Name = "name";
    public const string Level = "level";
    public const string Town = "town";
    public const string ElectoralDistrict = "electoral_district";
    public const string Delegation = "delegation";
    public const string Station = "station";
    public const string Gender = "gender";
    public const string IsLeader = "is_leader";

    /// <summary>The columns in the order of the template.</summary>
    public static readonly IReadOnlyList<string> Columns = [Term, DeputyNumber, Name, Level, Town, ElectoralDistrict, Delegation, Station, Gender, IsLeader];

    public static readonly IReadOnlyList<string> RequiredColumns = [Term, DeputyNumber, Name, Level, Town];

    private static readonly FormatData Data = Load();

    // Normalized spelling -> value, built once: the lookups run for every row of a large file.
    private static readonly Dictionary<string, string> ColumnByAlias = Index(Data.Columns);
    private static readonly Dictionary<string, DeputyLevel> LevelByAlias = Index(Data.Levels).ToDictionary(p => p.Key, p => Enum.Parse<DeputyLevel>(p.Value));
    private static readonly Dictionary<string, Gender> GenderByAlias = Index(Data.Genders).ToDictionary(p => p.Key, p => Enum.Parse<Gender>(p.Value));
    private static readonly Dictionary<string, bool> YesNoByAlias =
        Data.Yes.Select(y => (Normalize(y), true)).Concat(Data.No.Select(n => (Normalize(n), false))).ToDictionary(p => p.Item1, p => p.Item2);

    /// <summary>The canonical column of a header as written in a file, or null for an unknown (extra) column.</summary>
    public static string? ColumnOf(string? header) => ColumnByAlias.GetValueOrDefault(Normalize(header));

    /// <summary>The Chinese header of a column, for the Chinese template.</summary>
    public static string ChineseHeader(string column) => Data.Columns[column][1];

    /// <summary>The column as the user's language names it (届 in Chinese, term in English).</summary>
    public static string DisplayName(string column) => DomainText.Get("Roster_Column_" + column);

    /// <summary>The column for a message: its name in the user's language, with the header of the template when they differ.</summary>
    public static string Describe(string column) => DisplayName(column) is var shown && shown != column ? $"{shown} ({column})" : column;

    public static DeputyLevel? LevelOf(string value) => LevelByAlias.TryGetValue(Normalize(value), out var level) ? level : null;

    public static Gender? GenderOf(string value) =>
        string.IsNullOrWhiteSpace(value) ? Deputies.Gender.Unspecified : GenderByAlias.TryGetValue(Normalize(value), out var gender) ? gender : null;

    /// <summary>Yes or no; empty is no; null for anything else.</summary>
    public static bool? YesNoOf(string value) =>
        string.IsNullOrWhiteSpace(value) ? false : YesNoByAlias.TryGetValue(Normalize(value), out var yes) ? yes : null;

    /// <summary>The kind of a town the roster creates: a sub-district when its name ends like one (…街道), else a town.</summary>
    public static TownKind TownKindOf(string name) =>
        Data.SubDistrictSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal)) ? TownKind.SubDistrict : TownKind.Town;

    /// <summary>The kind of a station the roster creates: town-centre when its name says so (…中心联络站), else village.</summary>
    public static StationKind StationKindOf(string name) =>
        Data.TownCentreStationMarkers.Any(m => name.Contains(m, StringComparison.Ordinal)) ? StationKind.TownCentre : StationKind.Village;

    private static Dictionary<string, string> Index(Dictionary<string, List<string>> table) =>
        table.SelectMany(p => p.Value.Select(alias => (Alias: Normalize(alias), Value: p.Key)))
            .ToDictionary(p => p.Alias, p => p.Value);

    private static string Normalize(string? text) => (text ?? "").Trim().TrimStart('\uFEFF').Trim().ToLowerInvariant();

    private static FormatData Load()
    {
        using var stream = typeof(RosterFormat).Assembly.GetManifestResourceStream("RosterFormat.json")!;
        return JsonSerializer.Deserialize<FormatData>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    private sealed record FormatData(
        Dictionary<string, List<string>> Columns, Dictionary<string, List<string>> Levels, Dictionary<string, List<string>> Genders,
        List<string> Yes, List<string> No, List<string> SubDistrictSuffixes, List<string> TownCentreStationMarkers);
}
