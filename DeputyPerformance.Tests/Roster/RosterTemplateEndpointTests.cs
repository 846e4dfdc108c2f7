using System.Net;
using DeputyPerformance.Domain.Roster;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Roster;

/// <summary>The template downloads: county staff only, and each template reads back as a roster.</summary>
public sealed class RosterTemplateEndpointTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/roster/template.csv", "text/csv")]
    [InlineData("/roster/template.xlsx?chinese=true", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    public async Task CountyStaffDownloadTemplatesThatReadBackWithoutWarnings(string url, string contentType)
    {
        var client = await factory.SignedInAsync("county.clerk");

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        var file = await RosterReader.ReadAsync(await response.Content.ReadAsStreamAsync(), response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Single(file.Rows);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public async Task ATownClerkGetsNoTemplate()
    {
        var client = await factory.SignedInAsync("town.clerk");

        var response = await client.GetAsync("/roster/template.xlsx");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
