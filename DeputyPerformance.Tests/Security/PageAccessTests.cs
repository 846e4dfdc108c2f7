using System.Net;
using System.Reflection;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace DeputyPerformance.Tests.Security;

/// <summary>
/// Role x page over real HTTP: each demo account reaches the pages its role may open (200) and is sent to
/// access-denied for the rest (302); anonymous requests go to sign-in.
/// </summary>
public sealed class PageAccessTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string Staff = $"{Roles.Administrator},{Roles.CountyClerk},{Roles.TownClerk},{Roles.CommitteeMember}";
    private const string AnySignedIn = "*";

    /// <summary>Page -> roles allowed, as the pages' [Authorize] attributes say (checked by <see cref="TheTableMatchesThePagesAttributes"/>).</summary>
    private static readonly Dictionary<string, string> Pages = new()
    {
        ["/"] = AnySignedIn,
        ["/deputies"] = Staff,
        ["/deputies/new"] = $"{Roles.Administrator},{Roles.CountyClerk},{Roles.TownClerk}",
        ["/terms"] = Staff,
        ["/towns"] = Staff,
        ["/districts"] = Staff,
        ["/delegations"] = Staff,
        ["/stations"] = Staff,
        ["/departments"] = Staff,
        ["/committee"] = Staff,
        ["/me"] = Roles.Deputy,
        ["/admin/users"] = Roles.Administrator,
        ["/admin/audit"] = Roles.Administrator,
        ["/roster/import"] = $"{Roles.Administrator},{Roles.CountyClerk}",
        ["/duties"] = Staff,
        ["/duties/new"] = $"{Roles.Administrator},{Roles.CountyClerk},{Roles.TownClerk}",
        ["/duties/import"] = $"{Roles.Administrator},{Roles.CountyClerk},{Roles.TownClerk}",
        ["/my/duties"] = Roles.Deputy,
        ["/my/performance"] = Roles.Deputy,
        ["/scores"] = Staff,
        ["/scores/shortlist"] = $"{Roles.Administrator},{Roles.CountyClerk},{Roles.CommitteeMember}",
        ["/admin/rules"] = Roles.Administrator,
        ["/reports"] = Staff,
        ["/reports/coverage"] = Staff,
        ["/reports/coverage/print"] = Staff,
        ["/duties/print"] = Staff,
        ["/my/reports"] = Roles.Deputy,
        ["/admin/satisfaction-rules"] = Roles.Administrator,
        ["/account/change-password"] = AnySignedIn,
        ["/evaluations"] = $"{Roles.Administrator},{Roles.CountyClerk},{Roles.CommitteeMember}",
        ["/evaluations/plan"] = $"{Roles.Administrator},{Roles.CountyClerk},{Roles.CommitteeMember}",
        ["/admin/evaluation-rules"] = Roles.Administrator,
        ["/exits"] = Staff,
        ["/my/exit"] = Roles.Deputy,
        ["/admin/exit-rules"] = Roles.Administrator,
        ["/suggestions"] = Staff,
        ["/suggestions/new"] = $"{Roles.Administrator},{Roles.CountyClerk},{Roles.TownClerk},{Roles.Deputy}",
        ["/suggestions/inbox"] = Roles.DepartmentHandler,
        ["/suggestions/statistics"] = $"{Roles.Administrator},{Roles.CountyClerk},{Roles.CommitteeMember},{Roles.DepartmentHandler}",
        ["/my/suggestions"] = Roles.Deputy,
        ["/my/key-suggestions"] = Roles.CommitteeMember,
        ["/suggestions/published"] = AnySignedIn,
        ["/suggestions/import"] = $"{Roles.Administrator},{Roles.CountyClerk}",
        ["/admin/suggestion-rules"] = Roles.Administrator,
        ["/notifications"] = AnySignedIn,
    };

    /// <summary>The demo account of each role (Seeding/DemoCounty.json).</summary>
    private static readonly Dictionary<string, string> Users = new()
    {
        [Roles.Administrator] = "admin",
        [Roles.CountyClerk] = "county.clerk",
        [Roles.TownClerk] = "town.clerk",
        [Roles.CommitteeMember] = "committee",
        [Roles.Deputy] = "deputy",
        [Roles.DepartmentHandler] = "dept.handler",
    };

    public static TheoryData<string, string, bool> RolePageTable()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var role in Roles.All)
        {
            foreach (var (page, allowed) in Pages)
            {
                data.Add(role, page, allowed == AnySignedIn || allowed.Split(',').Contains(role));
            }
        }

        return data;
    }

    public static TheoryData<string> ProtectedPages() => [.. Pages.Keys];

    [Theory]
    [MemberData(nameof(RolePageTable))]
    public async Task EachRoleReachesItsPagesAndIsRefusedTheRest(string role, string page, bool allowed)
    {
        var client = await factory.SignedInAsync(Users[role]);

        var response = await client.GetAsync(page);

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            RedirectAssert.RedirectsTo(response, "/account/access-denied");
        }
    }

    [Theory]
    [MemberData(nameof(ProtectedPages))]
    public async Task AnAnonymousRequestIsSentToSignIn(string page)
    {
        using var client = factory.NewClient();

        var response = await client.GetAsync(page);

        var target = RedirectAssert.RedirectsTo(response, "/account/login");
        Assert.Contains($"ReturnUrl={Uri.EscapeDataString(page)}", target.Query, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/account/access-denied")]
    public async Task SignInAndAccessDeniedPagesAreOpenToAnonymous(string page)
    {
        using var client = factory.NewClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);
    }

    [Theory]
    [InlineData("county.clerk", HttpStatusCode.OK)]
    [InlineData("town.clerk", HttpStatusCode.Forbidden)]
    public async Task RosterTemplatesAreForCountyStaffOnly(string user, HttpStatusCode expected)
    {
        var client = await factory.SignedInAsync(user);

        var response = await client.GetAsync("/roster/template.csv");

        Assert.Equal(expected, response.StatusCode == HttpStatusCode.Redirect ? HttpStatusCode.Forbidden : response.StatusCode);
    }

    [Fact]
    public async Task ADeputySeesHisOwnRecordOnly()
    {
        var client = await factory.SignedInAsync("deputy");

        var html = await (await client.GetAsync("/me")).Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"my-record\"", html);
    }

    [Fact]
    public async Task ATownClerkOpeningAnotherTownsDeputyByUrlGetsTheRefusalNotTheRecord()
    {
        // Deputy ids follow the seed: town 1 holds ids 1-15, so id 20 lies in the second town.
        var client = await factory.SignedInAsync("town.clerk");

        var html = await (await client.GetAsync("/deputies/20/edit")).Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"error-notice\"", html);
        Assert.Contains("您无权执行此操作。", html);
        Assert.DoesNotContain("data-testid=\"deputy-form\"", html);
        Assert.Contains(factory.Logs.Records, r => r.Level == Microsoft.Extensions.Logging.LogLevel.Warning
            && r.Message.Contains("Refused Deputy.Read on 20 for town.clerk", StringComparison.Ordinal));
    }

    /// <summary>Every routable page that needs a sign-in is in the table, with the roles its attribute names.</summary>
    [Fact]
    public void TheTableMatchesThePagesAttributes()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttribute<AllowAnonymousAttribute>() is null)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (r.Template, Authorize: t.GetCustomAttribute<AuthorizeAttribute>())))
            .Where(p => p.Authorize is not null && !p.Template.Contains('{'))
            .ToDictionary(p => p.Template, p => p.Authorize!.Roles ?? AnySignedIn);

        Assert.Equal(pages.OrderBy(p => p.Key), Pages.OrderBy(p => p.Key));
    }
}
