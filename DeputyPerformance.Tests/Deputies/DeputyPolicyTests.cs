using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Deputies;

/// <summary>Scope of deputy records, as a table: the record under test is deputy 7 of town 1.</summary>
public sealed class DeputyPolicyTests
{
    public static TheoryData<string, bool, bool, bool, bool, bool, bool> Table => new()
    {
        // caller,                    list,  read,  write, status, delete, import
        { "Administrator",            true,  true,  true,  true,   true,   true },
        { "CountyClerk",              true,  true,  true,  true,   true,   true },
        { "TownClerkOfTheTown",       true,  true,  true,  false,  false,  false },
        { "TownClerkOfAnotherTown",   true,  false, false, false,  false,  false },
        { "TownClerkWithoutTown",     true,  false, false, false,  false,  false },
        { "CommitteeMember",          true,  true,  false, false,  false,  false },
        { "TheDeputyHimself",         false, true,  false, false,  false,  false },
        { "AnotherDeputy",            false, false, false, false,  false,  false },
        { "DeputyClaimingTheTown",    false, false, false, false,  false,  false },
        { "NoRole",                   false, false, false, false,  false,  false },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void GrantsExactlyWhatTheTableSays(string caller, bool list, bool read, bool write, bool changeStatus, bool delete, bool import)
    {
        var c = PolicyCallers.Get(caller);

        Assert.Equal(list, DeputyPolicy.CanList(c));
        Assert.Equal(read, DeputyPolicy.CanRead(c, PolicyCallers.DeputyId, PolicyCallers.Town));
        Assert.Equal(write, DeputyPolicy.CanWrite(c, PolicyCallers.Town));
        Assert.Equal(changeStatus, DeputyPolicy.CanChangeStatus(c));
        Assert.Equal(delete, DeputyPolicy.CanDelete(c));
        Assert.Equal(import, DeputyPolicy.CanImportRoster(c));
    }
}
