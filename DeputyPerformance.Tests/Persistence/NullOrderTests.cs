using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Persistence;

/// <summary>
/// A paged list sorted by a column that may be empty shows the empty ones in the same place on both engines
/// (decision 0117): first ascending, last descending, as SQLite sorts NULL; PostgreSQL alone would do the reverse.
/// </summary>
public sealed class NullOrderTests
{
    [Fact]
    public Task OnSqliteDeputiesWithoutADelegationComeFirstAscendingAndLastDescending() => AssertDelegationOrderAsync(DatabaseProvider.Sqlite);

    [PostgresFact]
    public Task OnPostgreSqlDeputiesWithoutADelegationComeFirstAscendingAndLastDescending() => AssertDelegationOrderAsync(DatabaseProvider.PostgreSQL);

    private static async Task AssertDelegationOrderAsync(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true, engine: engine);
        var deputies = db.Get<DeputyService>();
        // The demo county: 300 deputies, the 100 county deputies in a delegation, the 200 town deputies in none.
        var ascendingFirst = await deputies.ListAsync(TestCallers.CountyClerk, new ListQuery(0, 25, nameof(DeputyRow.DelegationName)), new DeputyFilter());
        var ascendingLast = await deputies.ListAsync(TestCallers.CountyClerk, new ListQuery(11, 25, nameof(DeputyRow.DelegationName)), new DeputyFilter());
        var descendingFirst = await deputies.ListAsync(TestCallers.CountyClerk, new ListQuery(0, 25, nameof(DeputyRow.DelegationName), true), new DeputyFilter());
        var descendingLast = await deputies.ListAsync(TestCallers.CountyClerk, new ListQuery(11, 25, nameof(DeputyRow.DelegationName), true), new DeputyFilter());

        Assert.Equal(300, ascendingFirst.TotalCount);
        Assert.All(ascendingFirst.Items, r => Assert.Null(r.DelegationName));
        Assert.All(ascendingLast.Items, r => Assert.NotNull(r.DelegationName));
        Assert.All(descendingFirst.Items, r => Assert.NotNull(r.DelegationName));
        Assert.All(descendingLast.Items, r => Assert.Null(r.DelegationName));
        // Among the named ones the order is still the name's.
        var names = descendingFirst.Items.Select(r => r.DelegationName!).ToList();
        Assert.Equal(names.OrderByDescending(n => n, StringComparer.Ordinal), names);
    }
}
