using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DeputyPerformance.Tests.EndToEnd;

/// <summary>
/// Two app nodes over one database with one node secret (<c>Ballots:KeyFile</c>), as behind the proxy of
/// docs/multi-node.md. Each node has its own Data Protection folder setting, as two machines would: only the database
/// and the node secret are shared. The database is one SQLite file in WAL mode (see the report of branch pgnodes:
/// PostgreSQL joins once the provider switch is merged).
/// </summary>
public sealed class TwoNodeFixture : IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"dp-2nodes-{Guid.NewGuid():N}.db");
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"dp-2nodes-{Guid.NewGuid():N}.key");
    private readonly string _folders = Path.Combine(Path.GetTempPath(), $"dp-2nodes-{Guid.NewGuid():N}");

    public AppProcess NodeA { get; private set; } = null!;
    public AppProcess NodeB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // A migrates and seeds the demo county; B starts on the database A made.
        NodeA = await AppProcess.StartAsync(Settings("a", seed: true));
        NodeB = await AppProcess.StartAsync(Settings("b", seed: false));
    }

    private Dictionary<string, string> Settings(string node, bool seed) => new()
    {
        ["ConnectionStrings__Default"] = $"Data Source={_database}",
        ["Ballots__KeyFile"] = _keyFile,
        ["SeedDemoData"] = seed ? "true" : "false",
        ["DataProtection__KeysFolder"] = Path.Combine(_folders, node, "keys"),
        ["Evidence__Folder"] = Path.Combine(_folders, node, "evidence"),
    };

    /// <summary>How many sealed ballots the database holds (they exist only while their vote is open).</summary>
    public async Task<long> BallotCountAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_database}");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM \"ElectronicBallots\"";
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        if (NodeA is not null) await NodeA.DisposeAsync();
        if (NodeB is not null) await NodeB.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm", _keyFile })
        {
            File.Delete(file);
        }

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
        await page.ScreenshotAsync("80-node-b-signed-in-from-a");
    }

    [EndToEndFact]
    public async Task ALogApprovedOnNodeAShowsOnNodeBsRankingBoard()
    {
        var board = await PageOnAsync(nodes.NodeB);
        await board.SignInAsync("town.clerk");
        var before = await ScoreOnBoardAsync(board, "C001");

        var deputy = await PageOnAsync(nodes.NodeA);
        await deputy.SignInAsync("deputy");
        await deputy.GotoInteractiveAsync("/my/duties");
        await deputy.SelectMudAsync("duty-category", "进站接待选民 (+5)");
        await deputy.GetByTestId("duty-description").FillAsync("两节点测试：在联络站接待选民");
        await deputy.GetByTestId("duty-submit").ClickAsync();
        await Expect(deputy.GetByTestId("my-duty-grid")).ToContainTextAsync("待审核");

        var clerk = await PageOnAsync(nodes.NodeA);
        await clerk.SignInAsync("town.clerk");
        await clerk.GotoInteractiveAsync("/duties?status=Pending");
        var row = clerk.GetByTestId("duty-grid").Locator("tr", new LocatorLocatorOptions { HasText = "两节点测试：在联络站接待选民" });
        await row.Locator("input[type=checkbox]").CheckAsync();
        await clerk.GetByTestId("duty-approve").ClickAsync();
        await clerk.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "批准" }).ClickAsync();
        await Expect(clerk.GetByTestId("grid-empty")).ToBeVisibleAsync();

        var after = await ScoreOnBoardAsync(board, "C001");
        await board.ScreenshotAsync("81-node-b-ranking-after-approval-on-a");
        Assert.Equal(before + 5, after);
    }

    [EndToEndFact]
    public async Task OneCodeCastOnBothNodesAtOnceGivesOneBallot()
    {
        var clerk = await PageOnAsync(nodes.NodeA);
        await clerk.SignInAsync("town.clerk");
        await VoteJourneyTests.CreateVoteAsync(clerk, "C001", "vote-electronic");
        await clerk.GetByTestId("token-number").FillAsync("2");
        await clerk.GetByTestId("token-generate").ClickAsync();
        await Expect(clerk.GetByTestId("vote-code")).ToHaveCountAsync(2);
        await clerk.GetByTestId("vote-open").ClickAsync();
        await Expect(clerk.GetByTestId("vote-status")).ToHaveTextAsync("进行中");
        var code = (await clerk.GetByTestId("vote-code").First.InnerTextAsync()).Trim();
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
        Assert.Equal(phones.Count - 1, answers.Count(a => a.Contains("此测评码已使用过", StringComparison.Ordinal)));
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
