using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Tests.Support;

/// <summary>
/// Named callers for policy tables: the scope under test is town 1 and deputy 7 (who lives in town 1).
/// Theory rows name the caller so a failing row reads like the table it came from.
/// </summary>
public static class PolicyCallers
{
    public const int Town = 1;
    public const int OtherTown = 2;
    public const int DeputyId = 7;

    private static readonly Dictionary<string, Caller> ByName = new()
    {
        ["Administrator"] = new("admin", Roles.Administrator),
        ["CountyClerk"] = new("county.clerk", Roles.CountyClerk),
        ["TownClerkOfTheTown"] = new("town.clerk", Roles.TownClerk, TownId: Town),
        ["TownClerkOfAnotherTown"] = new("town.clerk2", Roles.TownClerk, TownId: OtherTown),
        ["TownClerkWithoutTown"] = new("town.clerk3", Roles.TownClerk),
        ["CommitteeMember"] = new("committee", Roles.CommitteeMember),
        ["TheDeputyHimself"] = new("deputy", Roles.Deputy, DeputyId: DeputyId),
        ["AnotherDeputy"] = new("deputy2", Roles.Deputy, DeputyId: DeputyId + 1),
        // A deputy account that claims a town must not gain a town clerk's rights.
        ["DeputyClaimingTheTown"] = new("deputy3", Roles.Deputy, TownId: Town, DeputyId: DeputyId + 2),
        ["NoRole"] = new("nobody", ""),
    };

    public static Caller Get(string name) => ByName[name];
}
