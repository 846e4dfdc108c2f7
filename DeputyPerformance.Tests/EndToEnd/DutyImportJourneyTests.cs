using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DeputyPerformance.Tests.EndToEnd;

/// <summary>The duty-log import as a clerk does it: choose a file, read the preview, confirm; nothing is written before.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class DutyImportJourneyTests(AppServerFixture app)
{
    private static FilePayload Csv(string name, string header, params string[] rows) => new()
    {
        Name = name,
        MimeType = "text/csv",
        Buffer = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", [header, .. rows]) + "\r\n")],
    };

    /// <summary>The preview checks every row against the database: on a busy shared machine it takes more than Playwright's 5 s default.</summary>
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 60_000 };

    private long LogsDescribed(string marker)
    {
        using var connection = new SqliteConnection($"Data Source={app.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM DutyLogs WHERE Description LIKE $marker";
        command.Parameters.AddWithValue("$marker", marker + "%");
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    [EndToEndFact]
    public async Task AChosenFileIsPreviewedAndNothingIsWrittenUntilTheClerkConfirms()
    {
        var page = await app.NewPageAsync(1366, 768);
        await page.SignInAsync("county.clerk");
        await page.GotoInteractiveAsync("/duties/import");

        await page.GetByTestId("log-file").SetInputFilesAsync(Csv("logs.csv", "代表编号,日期,类别,数量,说明,外部编号",
            "C001,2019-03-15,进站接待选民,1,E2E导入甲,",
            "C002,2019-04-02,视察、调研、执法检查,2,E2E导入乙,E2E-2"));

        await Expect(page.GetByTestId("import-summary")).ToContainTextAsync("读取 2 行", Slow);
        await Expect(page.GetByTestId("import-summary")).ToContainTextAsync("将导入新登记 2 条");
        await Expect(page.GetByTestId("import-categories")).ToContainTextAsync("进站接待选民");
        await Expect(page.GetByTestId("import-confirm")).ToBeEnabledAsync();
        await page.ScreenshotAsync("20-duty-import-preview");
        Assert.Equal(0, LogsDescribed("E2E导入"));

        await page.GetByTestId("import-confirm").ClickAsync();

        await Expect(page.GetByTestId("import-result")).ToContainTextAsync("导入 2 条", Slow);
        await page.ScreenshotAsync("21-duty-import-done");
        Assert.Equal(2, LogsDescribed("E2E导入"));
    }

    [EndToEndFact]
    public async Task AFileWithErrorsShowsThemInChineseWithTheAcceptedCategoriesAndCannotBeImported()
    {
        var page = await app.NewPageAsync(1366, 768);
        await page.SignInAsync("county.clerk");
        await page.GotoInteractiveAsync("/duties/import");

        await page.GetByTestId("log-file").SetInputFilesAsync(Csv("bad-logs.csv", "deputy_number,date,category,count,description",
            "C001,2019-03-15,跳舞,1,E2E错误甲", "C001,2019-03-15,inspection,1,E2E错误乙", "C001,2019-03-15,inspection,1,E2E错误丙",
            "C001,2019-03-15,inspection,1,E2E错误丁", "NOBODY,2019-03-15,inspection,1,E2E错误戊"));

        await Expect(page.GetByTestId("import-summary")).ToContainTextAsync("读取 5 行", Slow);
        await Expect(page.GetByTestId("import-errors")).ToContainTextAsync("类别");
        await Expect(page.GetByTestId("import-errors")).ToContainTextAsync("代表编号");
        await Expect(page.GetByTestId("import-valid-categories")).ToContainTextAsync("reception（进站接待选民）");
        await Expect(page.GetByTestId("import-confirm")).ToBeDisabledAsync();
        await page.ScreenshotAsync("22-duty-import-errors");
        Assert.Equal(0, LogsDescribed("E2E错误"));
    }
}
