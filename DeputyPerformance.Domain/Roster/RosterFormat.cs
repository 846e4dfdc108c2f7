using System.Text.Json;
using DeputyPerformance.Domain.Deputies;

namespace DeputyPerformance.Domain.Roster;

/// <summary>
/// The roster file contract (domain.md section 7): column names in English or Chinese and the accepted spellings
/// of level, gender and yes/no. The Chinese spellings are data of the file format, kept in RosterFormat.json.
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

    /// <summary>The canonical column of a header as written in a file, or null for an unknown (extra) column.</summary>
    public static string? ColumnOf(string? header)
    {
        var h = Normalize(header);
        return Data.Columns.FirstOrDefault(c => c.Value.Any(alias => Normalize(alias) == h)).Key;
    }

    /// <summary>The Chinese header of a column, for the Chinese template.</summary>
    public static string ChineseHeader(string column) => Data.Columns[column][1];

    public static DeputyLevel? LevelOf(string value) => Lookup<DeputyLevel>(Data.Levels, value);

    public static Gender? GenderOf(string value) =>
        string.IsNullOrWhiteSpace(value) ? Deputies.Gender.Unspecified : Lookup<Gender>(Data.Genders, value);

    public static bool? YesNoOf(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var v = Normalize(value);
        return Data.Yes.Any(y => Normalize(y) == v) ? true : Data.No.Any(n => Normalize(n) == v) ? false : null;
    }

    private static T? Lookup<T>(Dictionary<string, List<string>> table, string value) where T : struct, Enum
    {
        var v = Normalize(value);
        foreach (var (name, aliases) in table)
        {
            if (aliases.Any(a => Normalize(a) == v))
            {
                return Enum.Parse<T>(name);
            }
        }

        return null;
    }

    private static string Normalize(string? text) => (text ?? "").Trim().TrimStart('\uFEFF').ToLowerInvariant();

    private static FormatData Load()
    {
        using var stream = typeof(RosterFormat).Assembly.GetManifestResourceStream("RosterFormat.json")!;
        return JsonSerializer.Deserialize<FormatData>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    private sealed record FormatData(
        Dictionary<string, List<string>> Columns, Dictionary<string, List<string>> Levels, Dictionary<string, List<string>> Genders,
        List<string> Yes, List<string> No);
}
