using System.Net;
using DeputyPerformance.App.Hosting;
using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DeputyPerformance.Tests.Security;

/// <summary>An app over a given database file and node secret: a second node, or the same node after a restart.</summary>
public sealed class NodeAppFactory(string databasePath, string keyFile) : AppFactory
{
    // Each node its own machine: nothing but the database and the node secret is shared (not a keys folder).
    private readonly string _ownFolder = Path.Combine(Path.GetTempPath(), $"dp-node-own-{Guid.NewGuid():N}");

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={databasePath}");
        builder.UseSetting("Ballots:KeyFile", keyFile);
        builder.UseSetting("DataProtection:KeysFolder", _ownFolder);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_ownFolder)) Directory.Delete(_ownFolder, recursive: true);
    }
}

/// <summary>The Data Protection key ring lives in the database, sealed with the node secret (decision 0080).</summary>
public sealed class NodeKeyRingTests : IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"dp-nodes-{Guid.NewGuid():N}.db");
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"dp-nodes-{Guid.NewGuid():N}.key");
    private readonly string _oldFolder = Path.Combine(Path.GetTempPath(), $"dp-nodes-keys-{Guid.NewGuid():N}");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm", _keyFile })
        {
            File.Delete(file);
        }

        if (Directory.Exists(_oldFolder)) Directory.Delete(_oldFolder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ASignInCookieOfOneNodeIsValidOnAnotherNodeOfTheSameDatabase()
    {
        await using var nodeA = new NodeAppFactory(_database, _keyFile);
        using var browserA = nodeA.NewClient();
        var signedIn = await AppFactory.SignInAsync(browserA, "admin", AppFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dp.auth=", StringComparison.Ordinal));

        await using var nodeB = new NodeAppFactory(_database, _keyFile);
        using var browserB = nodeB.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var withCookie = new HttpRequestMessage(HttpMethod.Get, "/admin/users");
        withCookie.Headers.Add("Cookie", cookie[..cookie.IndexOf(';')]);
        var withoutCookie = new HttpRequestMessage(HttpMethod.Get, "/admin/users");

        Assert.Equal(HttpStatusCode.OK, (await browserB.SendAsync(withCookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browserB.SendAsync(withoutCookie)).StatusCode);
    }

    [Fact]
    public async Task KeysOfTheOldFolderMoveIntoTheDatabaseSealedAndStillOpenWhatTheyProtected()
    {
        // The app before: keys in a folder, their secrets in plain text (no DPAPI on Linux).
        var before = DataProtectionProvider.Create(new DirectoryInfo(_oldFolder), o => o.SetApplicationName("DeputyPerformance"));
        var protectedText = before.CreateProtector("cookie").Protect("signed-in admin");
        Assert.Contains("masterKey", File.ReadAllText(Directory.GetFiles(_oldFolder, "key-*.xml").Single()));

        await using var db = await TestDatabase.CreateAsync();
        var secret = new BallotSecret(new BallotSecretOptions { KeyFile = _keyFile });
        var moved = await DataProtectionKeys.ImportFolderAsync(_oldFolder, db.Factory, new NodeSecretXmlEncryptor(secret), NullLogger.Instance);

        Assert.Equal(1, moved);
        Assert.Empty(Directory.GetFiles(_oldFolder, "key-*.xml"));
        await using (var context = await db.Factory.CreateDbContextAsync())
        {
            var xml = (await context.DataProtectionKeys.AsNoTracking().SingleAsync()).Xml!;
            Assert.DoesNotContain("masterKey", xml);
            Assert.Contains("encryptedSecret", xml);
        }

        Assert.Equal("signed-in admin", AfterUpgrade(db, _keyFile).CreateProtector("cookie").Unprotect(protectedText));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() =>
            AfterUpgrade(db, _keyFile + ".other").CreateProtector("cookie").Unprotect(protectedText));
        File.Delete(_keyFile + ".other");
    }

    /// <summary>Data Protection as the app now wires it: the database's key ring, sealed with the node secret in <paramref name="keyFile"/>.</summary>
    private static IDataProtectionProvider AfterUpgrade(TestDatabase db, string keyFile)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDeputyDatabase(db.ConnectionString, db.Provider);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<DeputyDbContext>>().CreateDbContext());
        services.AddSingleton<IBallotSecret>(new BallotSecret(new BallotSecretOptions { KeyFile = keyFile }));
        services.AddDatabaseKeyRing();
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
    }
}
