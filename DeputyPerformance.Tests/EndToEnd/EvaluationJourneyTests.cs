using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DeputyPerformance.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class EvaluationJourneyTests(AppServerFixture app)
{
    private static readonly byte[] Pdf = "%PDF-1.4 公示通知"u8.ToArray();

    private static async Task StepAsync(IPage page, string action)
    {
        await page.GetByTestId($"action-{action}").ClickAsync();
        await page.GetByTestId("step-confirm").ConfirmDialogAsync();
        await Expect(page.GetByTestId("step-confirm")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Holds the committee's paper vote on the shared vote page: the county clerk enters the ballot box, the administrator
    /// enters it a second time, the clerk confirms with the members present; then back to the evaluation.
    /// </summary>
    private async Task VoteAsync(IPage clerk, IPage admin, int satisfied, int basic, int dissatisfied, string screenshot)
    {
        var evaluationUrl = new Uri(clerk.Url).PathAndQuery;
        await clerk.GetByTestId("action-HoldVote").ClickAsync();
        await clerk.GetByTestId("vote-paper").ClickUntilUrlAsync(clerk, "**/votes/*");
        await clerk.WaitForInteractiveAsync();
        await EnterBoxAsync(clerk, "第一次录入", "county.clerk", satisfied, basic, dissatisfied);
        await admin.GotoInteractiveAsync(new Uri(clerk.Url).PathAndQuery);
        await EnterBoxAsync(admin, "第二次录入", "admin", satisfied, basic, dissatisfied);
        await clerk.ReloadAsync();
        await clerk.WaitForInteractiveAsync();
        await clerk.GetByTestId("vote-present").FillAsync("30");
        await clerk.GetByTestId("vote-confirm").ClickAsync();
        await clerk.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "确认结果" }).ClickAsync();
        await Expect(clerk.GetByTestId("vote-status")).ToHaveTextAsync("已确认");
        await clerk.ScreenshotAsync(screenshot);
        await clerk.GotoInteractiveAsync(evaluationUrl);
    }

    private static async Task EnterBoxAsync(IPage page, string round, string clerk, int satisfied, int basic, int dissatisfied)
    {
        static string N(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await page.SelectMudAsync("box-round", round);
        await page.GetByTestId("box-name").FillAsync("1");
        await page.GetByTestId("box-issued").FillAsync("30");
        await page.GetByTestId("box-returned").FillAsync(N(satisfied + basic + dissatisfied));
        await page.GetByTestId("box-invalid").FillAsync("0");
        await page.GetByTestId("box-satisfied").FillAsync(N(satisfied));
        await page.GetByTestId("box-basic").FillAsync(N(basic));
        await page.GetByTestId("box-dissatisfied").FillAsync(N(dissatisfied));
        await page.GetByTestId("box-save").ClickAsync();
        await Expect(page.GetByTestId("box-table")).ToContainTextAsync(clerk);
    }

    [EndToEndFact]
    public async Task ClerkPlansADepartmentMovesItThroughEveryPhaseAndThePublicSeesTheGradeOnlyAfterPublication()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("county.clerk");
        var admin = await app.NewPageAsync();
        await admin.SignInAsync("admin");

        // The annual plan: 2021 is the term's last year, so the departments still due are flagged.
        await page.GotoInteractiveAsync("/evaluations/plan?year=2021");
        var due = page.GetByTestId("plan-table").Locator("tbody tr", new LocatorLocatorOptions { HasText = "本届最后一年仍未评议" }).First;
        var department = (await due.GetByTestId("plan-department").InnerTextAsync()).Trim();
        await page.ScreenshotAsync("40-evaluation-plan");
        await due.GetByTestId("plan-department").ClickAsync();
        await page.GetByTestId("plan-save").ClickAsync();
        await Expect(page.GetByTestId("plan-table").Locator("tbody tr", new LocatorLocatorOptions { HasText = department })).ToContainTextAsync("2021 年计划");

        // The year's board lists it; open it.
        await page.GotoInteractiveAsync("/evaluations?year=2021");
        await page.GetByTestId("board-grid").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = department }).ClickAsync();
        await page.WaitForURLAsync("**/evaluations/*");
        await Expect(page.GetByTestId("evaluation-phase")).ToHaveTextAsync("公示");

        // The public page knows the department but shows no grade.
        var visitor = await app.NewPageAsync(390, 844);
        await visitor.GotoAsync("/public/evaluations?year=2021");
        await Expect(visitor.GetByTestId("public-row").Filter(new LocatorFilterOptions { HasText = department })).ToContainTextAsync("尚未公布");

        // A document for the publicity phase, then the three preparatory phases.
        await page.GetByTestId("document-file").SetInputFilesAsync(new FilePayload { Name = "公示通知.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await Expect(page.GetByTestId("document-row")).ToContainTextAsync("公示通知.pdf");
        await StepAsync(page, "CompletePhase");
        await Expect(page.GetByTestId("evaluation-phase")).ToHaveTextAsync("自查及征求意见");
        await StepAsync(page, "CompletePhase");
        await StepAsync(page, "CompletePhase");
        await Expect(page.GetByTestId("evaluation-phase")).ToHaveTextAsync("听取报告并测评");
        await page.ScreenshotAsync("41-evaluation-hearing");

        // The hearing's vote: 不满意.
        await VoteAsync(page, admin, satisfied: 5, basic: 8, dissatisfied: 17, "42-evaluation-vote-confirmed");
        await Expect(page.GetByTestId("evaluation-phase")).ToHaveTextAsync("反馈及公布");
        await Expect(page.GetByTestId("grade-chip").First).ToHaveTextAsync("不满意");
        await visitor.ReloadAsync();
        await Expect(visitor.GetByTestId("public-row").Filter(new LocatorFilterOptions { HasText = department })).ToContainTextAsync("尚未公布");

        // Feedback and publication: the rectification starts with its deadline (3 months by default).
        await StepAsync(page, "Publish");
        await Expect(page.GetByTestId("evaluation-phase")).ToHaveTextAsync("整改");
        var deadline = DateOnly.FromDateTime(DateTime.Today).AddMonths(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await Expect(page.GetByTestId("rectification-due")).ToContainTextAsync(deadline);
        await page.ScreenshotAsync("43-evaluation-rectification");
        await visitor.ReloadAsync();
        await Expect(visitor.GetByTestId("public-row").Filter(new LocatorFilterOptions { HasText = department })).ToContainTextAsync("不满意");
        await visitor.ScreenshotAsync("44-public-results");

        // The rectification report, the re-vote (基本满意) and the end.
        await StepAsync(page, "ReceiveRectificationReport");
        await StepAsync(page, "StartRevote");
        await Expect(page.GetByTestId("evaluation-phase")).ToHaveTextAsync("再次测评");
        await VoteAsync(page, admin, satisfied: 10, basic: 12, dissatisfied: 8, "45-evaluation-revote-confirmed");
        await Expect(page.GetByTestId("evaluation-phase")).ToHaveTextAsync("已结束");
        await Expect(page.GetByTestId("evaluation-actions")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("vote-row")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("vote-link")).ToHaveCountAsync(2);
        await page.ScreenshotAsync("46-evaluation-closed");
        await visitor.ReloadAsync();
        await Expect(visitor.GetByTestId("public-row").Filter(new LocatorFilterOptions { HasText = department })).ToContainTextAsync("基本满意");
    }
}
