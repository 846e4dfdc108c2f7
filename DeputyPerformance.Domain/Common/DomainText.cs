using System.Globalization;
using System.Resources;

namespace DeputyPerformance.Domain.Common;

/// <summary>
/// Messages of the domain (validation, refusals) in the caller's UI culture. Every feature keeps its own
/// file in Resources/ (DomainText, RosterText, BallotText...): a key is looked up in each of them.
/// </summary>
public static class DomainText
{
    private const string Prefix = "DeputyPerformance.Domain.Resources.";

    private static readonly ResourceManager[] Managers = typeof(DomainText).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".resources", StringComparison.Ordinal))
        .Select(n => new ResourceManager(n[..^".resources".Length], typeof(DomainText).Assembly))
        .ToArray();

    public static string Get(string key) => Get(key, CultureInfo.CurrentUICulture);

    /// <summary>A text in a given culture: file formats accept the Chinese names whatever the user's language.</summary>
    public static string Get(string key, CultureInfo culture)
    {
        foreach (var manager in Managers)
        {
            if (manager.GetString(key, culture) is { } text)
            {
                return text;
            }
        }

        return key;
    }

    public static string Format(string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, Get(key), args);

    /// <summary>The resource files of the domain, for completeness tests.</summary>
    internal static IReadOnlyList<ResourceManager> ResourceManagers => Managers;
}
