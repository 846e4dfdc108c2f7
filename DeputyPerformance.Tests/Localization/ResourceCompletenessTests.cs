using System.Text.RegularExpressions;
using DeputyPerformance.Domain.Committee;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Localization;

/// <summary>
/// Every text exists in English and Chinese, and every key the code asks for exists. Files are read from the
/// source tree, so a feature's new resource file (RosterText, BallotText...) is checked without changing this class.
/// </summary>
public sealed partial class ResourceCompletenessTests
{
    private static readonly string[] ResourceFolders =
    [
        SolutionFolder.Combine("DeputyPerformance.Domain", "Resources"),
        SolutionFolder.Combine("DeputyPerformance.App", "Resources"),
    ];

    /// <summary>Each neutral (English) resource file, by path relative to the solution.</summary>
    public static TheoryData<string> NeutralFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in ResourceFolders.SelectMany(f => Directory.GetFiles(f, "*.restext")).Where(f => !f.EndsWith(".zh-CN.restext", StringComparison.Ordinal)).Order())
        {
            data.Add(Path.GetRelativePath(SolutionFolder.Path, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NeutralFiles))]
    public void EveryKeyExistsInEnglishAndChinese(string neutralFile)
    {
        var english = ReadResource(SolutionFolder.Combine(neutralFile));
        var chinesePath = SolutionFolder.Combine(neutralFile[..^".restext".Length] + ".zh-CN.restext");
        Assert.True(File.Exists(chinesePath), $"{chinesePath} is missing");
        var chinese = ReadResource(chinesePath);

        Assert.Empty(english.Keys.Except(chinese.Keys).Select(k => $"not in Chinese: {k}"));
        Assert.Empty(chinese.Keys.Except(english.Keys).Select(k => $"not in English: {k}"));
    }

    [Fact]
    public void EveryChineseFileHasAnEnglishOne()
    {
        var chinese = ResourceFolders.SelectMany(f => Directory.GetFiles(f, "*.zh-CN.restext"));

        Assert.All(chinese, file => Assert.True(File.Exists(file.Replace(".zh-CN.restext", ".restext", StringComparison.Ordinal)), file));
    }

    [Fact]
    public void EveryPlaceholderOfAnEnglishTextIsInTheChineseOne()
    {
        var problems = new List<string>();
        foreach (var neutral in ResourceFolders.SelectMany(f => Directory.GetFiles(f, "*.restext")).Where(f => !f.EndsWith(".zh-CN.restext", StringComparison.Ordinal)))
        {
            var english = ReadResource(neutral);
            var chinese = ReadResource(neutral.Replace(".restext", ".zh-CN.restext", StringComparison.Ordinal));
            foreach (var (key, text) in english)
            {
                if (chinese.TryGetValue(key, out var zh) && !Placeholders(text).SetEquals(Placeholders(zh)))
                {
                    problems.Add($"{Path.GetFileName(neutral)}: {key}");
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void EveryTextOfMudBlazorIsGivenByTheProject()
    {
        // MudBlazor falls back to its English text (aria-labels such as "Start date", "Breadcrumb") for a key
        // the project's MudLocalizer does not know.
        var mud = new System.Resources.ResourceManager("MudBlazor.Resources.LanguageResource", typeof(MudBlazor.MudButton).Assembly)
            .GetResourceSet(System.Globalization.CultureInfo.InvariantCulture, true, false)!
            .Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).ToList();
        var ours = ReadResource(SolutionFolder.Combine("DeputyPerformance.App", "Resources", "MudBlazorText.zh-CN.restext")).Keys.ToHashSet();

        Assert.True(mud.Count > 100, $"only {mud.Count} MudBlazor texts found: has the resource moved?");
        Assert.Empty(mud.Where(k => !ours.Contains(k)).Order());
    }

    [Fact]
    public void EveryUiTextKeyUsedInTheComponentsExists()
    {
        var known = ReadResource(SolutionFolder.Combine("DeputyPerformance.App", "Resources", "UiText.restext")).Keys.ToHashSet();
        var used = RazorFiles().SelectMany(f => StaticKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value))).ToList();

        Assert.NotEmpty(used);
        Assert.Empty(used.Where(u => !known.Contains(u.Key)).Select(u => $"{u.File}: {u.Key}").Distinct());
    }

    [Fact]
    public void EveryComposedUiTextKeyExistsForEveryValue()
    {
        var known = ReadResource(SolutionFolder.Combine("DeputyPerformance.App", "Resources", "UiText.restext")).Keys.ToHashSet();
        var prefixes = RazorFiles().SelectMany(f => ComposedKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).ToHashSet();
        var values = ComposedKeyValues();

        Assert.NotEmpty(prefixes);
        Assert.Empty(prefixes.Where(p => !values.ContainsKey(p)).Select(p => $"L[$\"{p}_{{...}}\"]: add its values to ComposedKeyValues"));
        var missing = prefixes.Where(values.ContainsKey).SelectMany(p => values[p].Select(v => $"{p}_{v}")).Where(k => !known.Contains(k));
        Assert.Empty(missing);
    }

    [Fact]
    public void EveryDomainTextKeyUsedInCodeExists()
    {
        var known = Directory.GetFiles(ResourceFolders[0], "*.restext")
            .Where(f => !f.EndsWith(".zh-CN.restext", StringComparison.Ordinal))
            .SelectMany(f => ReadResource(f).Keys).ToHashSet();
        var sources = new[] { "DeputyPerformance.Domain", "DeputyPerformance.App" }
            .SelectMany(p => SourceFiles(SolutionFolder.Combine(p), "*.cs").Concat(SourceFiles(SolutionFolder.Combine(p), "*.razor")));
        var used = sources.SelectMany(f => DomainKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value))).ToList();

        Assert.True(used.Count > 30, $"only {used.Count} domain keys found: has the pattern changed?");
        // A prefix such as "Grade_" + value is a composed key: at least one key must start with it.
        Assert.Empty(used.Where(u => u.Key.EndsWith('_') ? !known.Any(k => k.StartsWith(u.Key, StringComparison.Ordinal)) : !known.Contains(u.Key))
            .Select(u => $"{u.File}: {u.Key}").Distinct());
    }

    [Fact]
    public void DomainTextFindsEveryKeyInBothLanguages()
    {
        var keys = ReadResource(SolutionFolder.Combine("DeputyPerformance.Domain", "Resources", "DomainText.restext"));
        foreach (var culture in new[] { "zh-CN", "en" })
        {
            using var scope = new CultureScope(culture);
            Assert.All(keys.Keys, k => Assert.NotEqual(k, DomainText.Get(k)));
        }

        using (new CultureScope("zh-CN"))
        {
            Assert.Equal("请输入名称。", DomainText.Get("NameRequired"));
        }

        using (new CultureScope("en"))
        {
            Assert.Equal("Enter a name.", DomainText.Get("NameRequired"));
        }
    }

    /// <summary>The values behind L[$"Prefix_{value}"]: enums and role names, audit actions as the domain writes them.</summary>
    private static Dictionary<string, IEnumerable<string>> ComposedKeyValues() => new()
    {
        ["Role"] = Roles.All,
        ["Gender"] = Enum.GetNames<Gender>(),
        ["DeputyLevel"] = Enum.GetNames<DeputyLevel>(),
        ["DeputyStatus"] = Enum.GetNames<DeputyStatus>(),
        ["TownKind"] = Enum.GetNames<TownKind>(),
        ["StationKind"] = Enum.GetNames<StationKind>(),
        ["CommitteePosition"] = Enum.GetNames<CommitteePosition>(),
        ["AuditAction"] = new[] { nameof(EntityState.Added), nameof(EntityState.Modified), nameof(EntityState.Deleted) }
            .Concat(SourceFiles(SolutionFolder.Combine("DeputyPerformance.Domain"), "*.cs")
                .SelectMany(f => AuditAction().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)))
            .Distinct(),
    };

    private static Dictionary<string, string> ReadResource(string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, number) in File.ReadAllLines(path).Select((l, i) => (l.Trim(), i + 1)))
        {
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith(';'))
            {
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(eq > 0, $"{Path.GetFileName(path)}:{number} is not key=value");
            var key = line[..eq].Trim();
            Assert.True(result.TryAdd(key, line[(eq + 1)..].Trim()), $"{Path.GetFileName(path)}:{number} repeats {key}");
            Assert.False(string.IsNullOrWhiteSpace(result[key]), $"{Path.GetFileName(path)}:{number} {key} is empty");
        }

        return result;
    }

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();

    private static IEnumerable<string> RazorFiles() => SourceFiles(SolutionFolder.Combine("DeputyPerformance.App", "Components"), "*.razor");

    private static IEnumerable<string> SourceFiles(string folder, string pattern) =>
        Directory.GetFiles(folder, pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex(@"\bL\[""([^""]+)""\]")]
    private static partial Regex StaticKey();

    [GeneratedRegex(@"\bL\[\$""([A-Za-z]+)_\{")]
    private static partial Regex ComposedKey();

    [GeneratedRegex(@"(?:new DomainException|WithText|DomainText\.Get|DomainText\.Format|: base)\(""([A-Za-z_]+)""")]
    private static partial Regex DomainKey();

    [GeneratedRegex(@"RecordAsync\(caller, ""([A-Za-z]+)""")]
    private static partial Regex AuditAction();

    [GeneratedRegex(@"\{\d+(?::[^}]*)?\}")]
    private static partial Regex Placeholder();
}
