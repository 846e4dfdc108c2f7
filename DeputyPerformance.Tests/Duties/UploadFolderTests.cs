using DeputyPerformance.App.Hosting;

namespace DeputyPerformance.Tests.Duties;

public sealed class UploadFolderTests
{
    [Fact]
    public void TheSweepDeletesUploadsLeftOlderThanTheLimitAndKeepsRecentOnes()
    {
        var leftover = UploadFolder.NewFile("crashed.csv");
        var recent = UploadFolder.NewFile("in-preview.xlsx");
        File.WriteAllText(leftover, "deputy_number,date,category\n");
        File.WriteAllText(recent, "x");
        File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddHours(-3));
        try
        {
            var deleted = UploadFolder.Sweep(TimeSpan.FromHours(2));

            Assert.True(deleted >= 1);
            Assert.False(File.Exists(leftover));
            Assert.True(File.Exists(recent));
            Assert.EndsWith(".xlsx", recent, StringComparison.Ordinal);
        }
        finally
        {
            UploadFolder.Delete(leftover);
            UploadFolder.Delete(recent);
        }
    }

    [Fact]
    public void AnUploadIsNamedWithACsvOrXlsxExtensionWhateverTheBrowserSent() =>
        Assert.EndsWith(".csv", UploadFolder.NewFile("../../etc/passwd"), StringComparison.Ordinal);
}
