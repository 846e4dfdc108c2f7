using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using DeputyPerformance.Domain;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Tests.Support;
using Microsoft.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace DeputyPerformance.Tests.EndToEnd;

/// <summary>
/// Two app nodes over one database with one node secret (<c>Ballots:KeyFile</c>), as behind the proxy of
/// docs/multi-node.md. Each node has its own Data Protection folder setting, as two machines would: only the database
/// and the node secret are shared. The database is PostgreSQL when the run has a test server (DP_TEST_POSTGRES, as
/// .ci/run sets it), else one SQLite file in WAL mode that both processes open.
/// </summary>
public sealed class TwoNodeFixture : IAsyncLifetime
{
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"dp-2nodes-{Guid.NewGuid():N}.key");
    private readonly string _folders = Path.Combine(Path.GetTempPath(), $"dp-2nodes-{Guid.NewGuid():N}");
    private string _database = "";

    public bool OnPostgreSql { get; } = PostgresServer.Configured;

    public AppProcess NodeA { get; private set; } = null!;
    public AppProcess NodeB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Npgsql reads this switch at its first use in this process; the app's own setup sets it too late for the test server.
        if (OnPostgreSql) Domain.Persistence.PostgreSqlSetup.UseLegacyTimestamps();
        _database = OnPostgreSql
            ? await PostgresServer.CreateDatabaseAsync()
            : $"Data Source={Path.Combine(Path.GetTempPath(), $"dp-2nodes-{Guid.NewGuid():N}.db")}";
        // A migrates and seeds the demo county; B starts on the database A made.
        NodeA = await AppProcess.StartAsync(Settings("a", seed: true));
        NodeB = await AppProcess.StartAsync(Settings("b", seed: false));
    }

    private Dictionary<string, string> Settings(string node, bool seed) => new()
    {
        ["Database__Provider"] = OnPostgreSql ? "PostgreSQL" : "Sqlite",
        ["ConnectionStrings__Default"] = _database,
        ["Ballots__KeyFile"] = _keyFile,
        ["SeedDemoData"] = seed ? "true" : "false",
        ["DataProtection__KeysFolder"] = Path.Combine(_folders, node, "keys"),
        ["Evidence__Folder"] = Path.Combine(_folders, node, "evidence"),
    };

    /// <summary>The domain services over the nodes' database with their node secret, as an admin verb would run them.</summary>
    public ServiceProvider DomainServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new Domain.Ballots.BallotSecretOptions { KeyFile = _keyFile });
        services.AddDeputyDatabase(_database, OnPostgreSql ? Domain.Persistence.DatabaseProvider.PostgreSQL : Domain.Persistence.DatabaseProvider.Sqlite);
        services.AddDeputyDomain();
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<Domain.Persistence.DeputyDbContext>>().CreateDbContext());
        return services.BuildServiceProvider();
    }

    /// <summary>How many sealed ballots the database holds (they exist only while their vote is open).</summary>
    public async Task<long> BallotCountAsync()
    {
        await using DbConnection connection = OnPostgreSql ? new NpgsqlConnection(_database) : new SqliteConnection(_database);
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM \"ElectronicBallots\"";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task DisposeAsync()
    {
        if (NodeA is not null) await NodeA.DisposeAsync();
        if (NodeB is not null) await NodeB.DisposeAsync();
        if (OnPostgreSql)
        {
            if (_database.Length > 0) await PostgresServer.DropDatabaseAsync(_database);
        }
        else
        {
            SqliteConnection.ClearAllPools();
            var file = new SqliteConnectionStringBuilder(_database).DataSource;
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
        }

        File.Delete(_keyFile);
        if (Directory.Exists(_folders)) Directory.Delete(_folders, recursive: true);
    }
}

[Collection(EndToEndCollection.Name)]
public sealed class TwoNodeTests(AppServerFixture app, TwoNodeFixture nodes) : IClassFixture<TwoNodeFixture>
{
    private async Task<IPage> PageOnAsync(AppProcess node)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = node.BaseUrl,
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(15_000);
        return await context.NewPageAsync();
    }

    [EndToEndFact]
    public async Task ASignInOnNodeAIsValidOnNodeB()
    {
        var page = await PageOnAsync(nodes.NodeA);
        await page.SignInAsync("admin");

        // The browser sends its 127.0.0.1 cookies to either port, as it would to either node behind one proxy.
        await page.GotoAsync($"{nodes.NodeB.BaseUrl}/admin/users");
        await page.WaitForInteractiveAsync();

        Assert.EndsWith("/admin/users", new Uri(page.Url).AbsolutePath);
        await Expect(page.GetByTestId("user-grid")).ToContainTextAsync("town.clerk");
        await Expect(page.GetByTestId("current-user")).ToBeVisibleAsync();
        await page.ScreenshotAsync(nodes.OnPostgreSql ? "80-node-b-signed-in-from-a-postgresql" : "80-node-b-signed-in-from-a-sqlite");
    }

    [EndToEndFact]
    public async Task ALogApprovedOnNodeAShowsOnNodeBsRankingBoard()
    {
        var board = await PageOnAsync(nodes.NodeB);
        await board.SignInAsync("town.clerk");
        var before = await ScoreOnBoardAsync(board, "C001");

        // The deputy's own submission is DutyJourneyTests' subject: here the pending log comes through the domain
        // services over the nodes' database (as the deputy), and the approval on node A is what goes through a node.
        const string description = "两节点测试：在联络站接待选民";
        await using (var services = nodes.DomainServices())
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<Domain.Persistence.DeputyDbContext>>().CreateDbContextAsync();
            var deputyId = await db.Deputies.Where(d => d.DeputyNumber == "C001").Select(d => d.Id).SingleAsync();
            // The year the board and the deputy's form open on (the demo term's last year when today is past it).
            (_, var year) = await services.GetRequiredService<Domain.Organization.LookupService>().YearsAsync(DateTime.Today.Year);
            await services.GetRequiredService<Domain.Duties.DutyLogService>().SubmitAsync(TestCallers.Deputy(deputyId), new Domain.Duties.DutyLogInput
            {
                DeputyId = deputyId, Date = new DateOnly(year, DateTime.Today.Month, Math.Min(DateTime.Today.Day, 28)), CategoryCode = "reception", Description = description,
            });
        }

        var clerk = await PageOnAsync(nodes.NodeA);
        await clerk.SignInAsync("town.clerk");
        await clerk.GotoInteractiveAsync("/duties?status=Pending");
        var row = clerk.GetByTestId("duty-grid").Locator("tr", new LocatorLocatorOptions { HasText = description });
        await row.Locator("input[type=checkbox]").CheckAsync();
        await clerk.GetByTestId("duty-approve").ClickAsync();
        await clerk.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "批准" }).ConfirmDialogAsync();
        await Expect(clerk.GetByTestId("grid-empty")).ToBeVisibleAsync();

        var after = await ScoreOnBoardAsync(board, "C001");
        await board.ScreenshotAsync(nodes.OnPostgreSql ? "81-node-b-ranking-after-approval-on-a-postgresql" : "81-node-b-ranking-after-approval-on-a-sqlite");
        Assert.Equal(before + 5, after);
    }

    [EndToEndFact]
    public async Task OneCodeCastOnBothNodesAtOnceGivesOneBallot()
    {
        // The clerk's vote page is another journey's subject (VoteJourneyTests): here the vote is set up through the
        // domain services over the same database, with the nodes' secret, and only the casting goes through the nodes.
        string code;
        await using (var services = nodes.DomainServices())
        {
            int deputyId, townId;
            await using (var db = await services.GetRequiredService<IDbContextFactory<Domain.Persistence.DeputyDbContext>>().CreateDbContextAsync())
            {
                var deputy = await db.Deputies.SingleAsync(d => d.DeputyNumber == "C002");
                (deputyId, townId) = (deputy.Id, deputy.TownId);
            }

            var clerk = TestCallers.TownClerk(townId);
            var reports = services.GetRequiredService<Domain.Reports.ReportService>();
            var reportId = await reports.PlanAsync(clerk, new Domain.Reports.ReportPlanInput { DeputyId = deputyId, PlannedDate = new DateOnly(2019, 5, 10) });
            await reports.RecordSessionAsync(clerk, reportId, new Domain.Reports.ReportSessionInput { HeldOn = new DateOnly(2019, 5, 10), Attendance = 60 });
            var votes = services.GetRequiredService<Domain.Ballots.VoteService>();
            var voteId = await votes.CreateAsync(clerk, new Domain.Ballots.VoteSubject(Domain.Ballots.VoteKind.ConstituentReport, reportId), Domain.Ballots.VoteMode.Electronic);
            code = (await votes.GenerateTokensAsync(clerk, voteId, 2))[0];
            await votes.OpenAsync(clerk, voteId);
        }

        var ballotsBefore = await nodes.BallotCountAsync();

        // Six phones per node hold the ballot paper of the same code; all submit at the same moment.
        var phones = new List<(HttpClient Client, HttpRequestMessage Post)>();
        foreach (var node in new[] { nodes.NodeA, nodes.NodeB })
        {
            for (var i = 0; i < 6; i++)
            {
                var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
                {
                    BaseAddress = new Uri(node.BaseUrl),
                };
                phones.Add((client, await BallotPostAsync(client, code, "Satisfied")));
            }
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sending = phones.Select(async p =>
        {
            await start.Task;
            return await (await p.Client.SendAsync(p.Post)).Content.ReadAsStringAsync();
        }).ToList();
        start.SetResult();
        var answers = await Task.WhenAll(sending);
        foreach (var (client, _) in phones) client.Dispose();

        Assert.Equal(1, answers.Count(a => a.Contains("已记录", StringComparison.Ordinal)));
        var others = answers.Where(a => !a.Contains("已记录", StringComparison.Ordinal) && !a.Contains("此测评码已使用过", StringComparison.Ordinal)).ToList();
        Assert.True(others.Count == 0, $"answers neither recorded nor used:{Environment.NewLine}{string.Join(Environment.NewLine, others.Select(a => Regex.Replace(a, "<[^>]+>", " ")))}" +
            $"{Environment.NewLine}node A:{Environment.NewLine}{nodes.NodeA.Output()}{Environment.NewLine}node B:{Environment.NewLine}{nodes.NodeB.Output()}");
        Assert.Equal(ballotsBefore + 1, await nodes.BallotCountAsync());
    }

    /// <summary>The county score of the deputy on the town clerk's ranking board (one town fits one page).</summary>
    private static async Task<int> ScoreOnBoardAsync(IPage board, string deputyNumber)
    {
        await board.GotoInteractiveAsync("/scores");
        var row = board.GetByTestId("ranking-grid").Locator("tbody tr").Filter(new LocatorFilterOptions
        {
            Has = board.Locator("td:nth-child(3)", new PageLocatorOptions { HasTextRegex = new Regex($"^{deputyNumber}$") }),
        });
        await Expect(row).ToHaveCountAsync(1);
        return int.Parse((await row.Locator("td:nth-child(7)").InnerTextAsync()).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>GETs the ballot paper of the code (its antiforgery cookie and token) and builds the form post choosing the option.</summary>
    private static async Task<HttpRequestMessage> BallotPostAsync(HttpClient client, string code, string option)
    {
        var html = await client.GetStringAsync($"/v/{code}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match input in Regex.Matches(html, "<input[^>]*>"))
        {
            var name = Regex.Match(input.Value, "name=\"([^\"]+)\"").Groups[1].Value;
            var value = WebUtility.HtmlDecode(Regex.Match(input.Value, "value=\"([^\"]*)\"").Groups[1].Value);
            if (name.Length == 0) continue;
            if (input.Value.Contains("type=\"radio\"", StringComparison.Ordinal))
            {
                if (value == option) fields.Add(new(name, value));
            }
            else
            {
                fields.Add(new(name, value));
            }
        }

        Assert.Contains(fields, f => f.Key == "__RequestVerificationToken");
        Assert.Contains(fields, f => f.Value == option);
        return new HttpRequestMessage(HttpMethod.Post, $"/v/{code}") { Content = new FormUrlEncodedContent(fields) };
    }
}
