using System.Reflection;
using DeputyPerformance.Domain.Persistence;

namespace DeputyPerformance.Tests.Architecture;

/// <summary>
/// The domain is plain C# with EF Core: services, CLI verbs, benchmarks and tests use it without the web app.
/// It may not lean on the UI or HTTP stacks. Microsoft.AspNetCore.Identity.EntityFrameworkCore is allowed:
/// despite its name it is the Identity *stores* package (it builds on Microsoft.Extensions.Identity.*),
/// which the DbContext derives from; it brings no HTTP or UI types.
/// </summary>
public sealed class DomainDependencyTests
{
    private static readonly string[] Forbidden =
    [
        "MudBlazor",
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Mvc",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Authentication",
        "DeputyPerformance.App",
    ];

    private static bool IsForbidden(AssemblyName name) =>
        Forbidden.Any(f => name.Name == f || name.Name!.StartsWith(f + ".", StringComparison.Ordinal));

    [Fact]
    public void TheDomainReferencesNoUiOrHttpAssembly()
    {
        var references = typeof(DeputyDbContext).Assembly.GetReferencedAssemblies();

        Assert.DoesNotContain(references, IsForbidden);
        Assert.Contains(references, r => r.Name == "Microsoft.EntityFrameworkCore");
    }

    [Fact]
    public void NorDoTheLibrariesItUses()
    {
        // Walk the references transitively, skipping the runtime's own assemblies.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<Assembly>([typeof(DeputyDbContext).Assembly]);
        var offending = new List<string>();
        while (queue.TryDequeue(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is null || reference.Name.StartsWith("System", StringComparison.Ordinal)
                    || reference.Name is "mscorlib" or "netstandard" || !seen.Add(reference.Name))
                {
                    continue;
                }

                if (IsForbidden(reference))
                {
                    offending.Add($"{assembly.GetName().Name} -> {reference.Name}");
                    continue;
                }

                queue.Enqueue(Assembly.Load(reference));
            }
        }

        Assert.Empty(offending);
    }
}
