using System.Text.RegularExpressions;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Suggestions;

public sealed partial class SuggestionTextTests
{
    /// <summary>Every T["key"] of the suggestion pages is a key of SuggestionUiText (an unknown key would show as itself).</summary>
    [Fact]
    public void EveryTextKeyOfTheSuggestionPagesExists()
    {
        var known = File.ReadAllLines(SolutionFolder.Combine("DeputyPerformance.App", "Resources", "SuggestionUiText.restext"))
            .Where(l => l.Contains('=') && !l.StartsWith('#')).Select(l => l[..l.IndexOf('=')].Trim()).ToHashSet();
        var folder = SolutionFolder.Combine("DeputyPerformance.App", "Components", "Pages", "Suggestions");
        var used = Directory.GetFiles(folder, "*.razor*").SelectMany(f => Key().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).ToHashSet();

        Assert.NotEmpty(used);
        Assert.Empty(used.Where(k => !known.Contains(k)).Order());
    }

    [GeneratedRegex(@"\bT\[""([^""]+)""\]")]
    private static partial Regex Key();
}
