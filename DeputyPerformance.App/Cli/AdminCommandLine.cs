namespace DeputyPerformance.App.Cli;

/// <summary>
/// Splits the command line into an admin verb with its own arguments and the configuration
/// arguments (--Key=value, e.g. --ConnectionStrings:Default=...) that the host reads.
/// </summary>
public sealed partial record AdminCommandLine(string? Verb, IReadOnlyList<string> VerbArgs, string[] ConfigurationArgs)
{
    public static readonly IReadOnlyList<string> Verbs = ["migrate", "seed-demo", "create-admin", "help", "import-logs", "export-scores", "generate-scale-data", "import-roster", "backup", "restore", "verify-audit", "export-evaluations", "rebuild-scores", "export-exit-flags", "import-suggestions", "export-suggestions"];

    public static AdminCommandLine Parse(string[] args)
    {
        // --Key=value goes to the host's configuration. A lower-case --name=value (--user=root, --year=2019) is also a
        // verb's option in its own spelling, so it reaches the verb too; keys with ':' or capitals are configuration only.
        static bool IsConfiguration(string arg) => arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=');
        static bool IsVerbOption(string arg) => IsConfiguration(arg) && VerbOption().IsMatch(arg);
        var config = args.Where(IsConfiguration).ToArray();
        var rest = args.Where(a => !IsConfiguration(a) || IsVerbOption(a)).ToList();
        if (rest.Count == 0)
        {
            return new(null, [], args);
        }

        var first = rest[0];
        if (first is "--help" or "-h" or "-?" or "help")
        {
            return new("help", rest.Skip(1).ToList(), config);
        }

        // Anything else that starts with a dash is the web server's own switches (--urls, --environment...).
        return first.StartsWith('-') ? new(null, [], args) : new(first, rest.Skip(1).ToList(), config);
    }

    /// <summary>The value after a switch such as --user NAME, or --user=NAME.</summary>
    public string? Option(string name)
    {
        for (var i = 0; i < VerbArgs.Count; i++)
        {
            if (VerbArgs[i] == name && i + 1 < VerbArgs.Count)
            {
                return VerbArgs[i + 1];
            }

            if (VerbArgs[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                return VerbArgs[i][(name.Length + 1)..];
            }
        }

        return null;
    }

    public bool Flag(string name) => VerbArgs.Contains(name);

    [System.Text.RegularExpressions.GeneratedRegex("^--[a-z][a-z0-9-]*=")]
    private static partial System.Text.RegularExpressions.Regex VerbOption();

    /// <summary>Arguments that are neither switches nor their values.</summary>
    public IReadOnlyList<string> Positionals(params string[] switchesWithValues)
    {
        var result = new List<string>();
        for (var i = 0; i < VerbArgs.Count; i++)
        {
            if (switchesWithValues.Contains(VerbArgs[i]))
            {
                i++;
                continue;
            }

            if (!VerbArgs[i].StartsWith('-'))
            {
                result.Add(VerbArgs[i]);
            }
        }

        return result;
    }
}
