using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Organization;

/// <summary>Who may read and write the county's master data: one row per caller, one column per rule (town = town 1).</summary>
public sealed class OrganizationPolicyTests
{
    public static TheoryData<string, bool, bool, bool, bool, bool> Table => new()
    {
        // caller,                    readLists, writeLists, readTown, writeTown, readAudit
        { "Administrator",            true,      true,       true,     true,      true },
        { "CountyClerk",              true,      true,       true,     true,      false },
        { "TownClerkOfTheTown",       true,      false,      true,     true,      false },
        { "TownClerkOfAnotherTown",   true,      false,      false,    false,     false },
        { "TownClerkWithoutTown",     true,      false,      false,    false,     false },
        { "CommitteeMember",          true,      false,      true,     false,     false },
        { "TheDeputyHimself",         false,     false,      false,    false,     false },
        { "DeputyClaimingTheTown",    false,     false,      false,    false,     false },
        { "NoRole",                   false,     false,      false,    false,     false },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void GrantsExactlyWhatTheTableSays(string caller, bool readLists, bool writeLists, bool readTown, bool writeTown, bool readAudit)
    {
        var c = PolicyCallers.Get(caller);

        Assert.Equal(readLists, OrganizationPolicy.CanReadCountyLists(c));
        Assert.Equal(writeLists, OrganizationPolicy.CanWriteCountyLists(c));
        Assert.Equal(readTown, OrganizationPolicy.CanReadTown(c, PolicyCallers.Town));
        Assert.Equal(writeTown, OrganizationPolicy.CanWriteTown(c, PolicyCallers.Town));
        Assert.Equal(readAudit, OrganizationPolicy.CanReadAudit(c));
    }
}
