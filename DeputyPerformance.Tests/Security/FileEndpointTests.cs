using System.Net;
using DeputyPerformance.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DeputyPerformance.Tests.Security;

/// <summary>The file downloads go through the same role and scope checks as the pages.</summary>
public sealed class FileEndpointTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task CountyClerkDownloadsTheScoreSheetAsExcel()
    {
        var client = await factory.SignedInAsync("county.clerk");

        var response = await client.GetAsync("/scores/2021/export.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
    }

    [Fact]
    public async Task ADeputyIsRefusedTheScoreSheet()
    {
        var client = await factory.SignedInAsync("deputy");

        var response = await client.GetAsync("/scores/2021/export.csv");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AnonymousDownloadsAreSentToSignIn()
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/scores/2021/export.csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task UnknownEvidenceIsNotFound()
    {
        var client = await factory.SignedInAsync("county.clerk");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/duties/evidence/999999")).StatusCode);
    }

    [Fact]
    public async Task APdfUploadedAsHtmlIsStoredAndServedAsAPdfWithASafeNameAndNosniff()
    {
        long evidenceId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Domain.Accounts.AppUser>>();
            var deputy = (await users.FindByNameAsync("deputy"))!;
            var duties = scope.ServiceProvider.GetRequiredService<Domain.Duties.DutyLogService>();
            var caller = new Domain.Common.Caller("deputy", Domain.Common.Roles.Deputy, DeputyId: deputy.DeputyId);
            var logId = await duties.SubmitAsync(caller, Duties.DutyTestData.Input(deputy.DeputyId!.Value),
                [new Domain.Duties.EvidenceUpload("invoice.html", new MemoryStream(Duties.DutyTestData.Pdf()))]);
            var file = Assert.Single((await duties.GetAsync(caller, logId)).Evidence);
            Assert.Equal("invoice.pdf", file.OriginalName);
            evidenceId = file.Id;
        }

        var response = await (await factory.SignedInAsync("town.clerk")).GetAsync($"/duties/evidence/{evidenceId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("invoice.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task AnEvidenceRowStoredWithAnExeNameIsServedWithThePdfExtension()
    {
        long evidenceId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Domain.Accounts.AppUser>>();
            var deputy = (await users.FindByNameAsync("deputy"))!;
            var duties = scope.ServiceProvider.GetRequiredService<Domain.Duties.DutyLogService>();
            var caller = new Domain.Common.Caller("deputy", Domain.Common.Roles.Deputy, DeputyId: deputy.DeputyId);
            var logId = await duties.SubmitAsync(caller, Duties.DutyTestData.Input(deputy.DeputyId!.Value, date: "2019-06-11"),
                [new Domain.Duties.EvidenceUpload("old.pdf", new MemoryStream(Duties.DutyTestData.Pdf()))]);
            evidenceId = Assert.Single((await duties.GetAsync(caller, logId)).Evidence).Id;
            await using var db = await scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Domain.Persistence.DeputyDbContext>>().CreateDbContextAsync();
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlAsync(db.Database,
                $"UPDATE EvidenceFiles SET OriginalName = 'setup.exe' WHERE Id = {evidenceId}");
        }

        var response = await (await factory.SignedInAsync("town.clerk")).GetAsync($"/duties/evidence/{evidenceId}");

        Assert.Equal("setup.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
    }
}
