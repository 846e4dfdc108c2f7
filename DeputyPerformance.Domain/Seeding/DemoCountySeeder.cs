using System.Globalization;
using System.Text.Json;
using DeputyPerformance.Domain.Accounts;
using DeputyPerformance.Domain.Committee;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Departments;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DeputyPerformance.Domain.Seeding;

/// <summary>
/// Fills an empty database with a realistic demo county (one term, 20 towns, ~100 stations, 300 deputies,
/// 30 departments, 35 committee members) and one account per role. Deterministic: the same seed gives the
/// same county, so screenshots and tests can name its people.
/// </summary>
public sealed class DemoCountySeeder(IDbContextFactory<DeputyDbContext> factory, AccountService accounts,
    Scoring.ScoreService scores, Exits.ExitFlagService exitFlags, Exits.ExitCaseService exitCases, Reports.ReportService reports, Ballots.VoteService votes)
{
    public const int DeputiesPerTown = 15;
    public const int CountyDeputiesPerTown = 5;

    public sealed record DemoAccount(string UserName, string Password, string Role);

    /// <summary>Seeds when the database holds no term yet; returns false when it was not empty.</summary>
    public async Task<bool> SeedAsync(CancellationToken ct = default) => await SeedAsync(withDutyLogs: true, ct);

    /// <summary>Seeds the county; without duty logs for tests that count logs from zero.</summary>
    public async Task<bool> SeedAsync(bool withDutyLogs, CancellationToken ct = default)
    {
        var data = Load();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Terms.AnyAsync(ct))
        {
            return false;
        }

        db.AuditActor = "seed-demo";
        var random = new Random(2016);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var years = Term.ParseYears(data.Term)!.Value;
        var term = new Term(data.Term, years.Start, years.End);
        db.Terms.Add(term);
        foreach (var d in data.Departments)
        {
            db.GovernmentDepartments.Add(new GovernmentDepartment(d.Name, d.Vertical ? DepartmentKind.VerticallyManaged : DepartmentKind.Constituent));
        }

        var towns = data.Towns.Select(t => new Town(t.Name, t.SubDistrict ? TownKind.SubDistrict : TownKind.Town)).ToList();
        db.Towns.AddRange(towns);
        await db.SaveChangesAsync(ct);

        var villageIndex = 0;
        var deputyCounter = 0;
        Deputy? firstDeputy = null;
        for (var t = 0; t < towns.Count; t++)
        {
            var town = towns[t];
            var stations = new List<LiaisonStation>
            {
                new(Format(data.CentreStationFormat, town.Name), StationKind.TownCentre, town.Id),
            };
            for (var v = 0; v < 4; v++)
            {
                var village = data.Villages[villageIndex++ % data.Villages.Count];
                stations.Add(new LiaisonStation(Format(data.VillageStationFormat, town.Name, village), StationKind.Village, town.Id));
            }

            var districts = Enumerable.Range(1, 3).Select(n => new ElectoralDistrict(Format(data.DistrictFormat, town.Name, n), town.Id)).ToList();
            var delegation = new Delegation(Format(data.DelegationFormat, town.Name));
            db.LiaisonStations.AddRange(stations);
            db.ElectoralDistricts.AddRange(districts);
            db.Delegations.Add(delegation);
            await db.SaveChangesAsync(ct);

            for (var n = 0; n < DeputiesPerTown; n++)
            {
                var county = n < CountyDeputiesPerTown;
                var number = county
                    ? string.Create(CultureInfo.InvariantCulture, $"C{++deputyCounter:000}")
                    : string.Create(CultureInfo.InvariantCulture, $"T{t + 1:00}{n - CountyDeputiesPerTown + 1:00}");
                var deputy = new Deputy(term.Id, number, PersonName(data, random), county ? DeputyLevel.County : DeputyLevel.Town, town.Id);
                deputy.Update(number, deputy.Name, random.Next(3) == 0 ? Gender.Female : Gender.Male, deputy.Level, town.Id,
                    districts[n % districts.Count].Id, county ? delegation.Id : null, stations[n % stations.Count].Id,
                    string.Create(CultureInfo.InvariantCulture, $"139{random.Next(10000000, 99999999)}"), county && n == 0);
                db.Deputies.Add(deputy);
                firstDeputy ??= deputy;
            }
        }

        for (var m = 0; m < 35; m++)
        {
            var position = m switch
            {
                0 => CommitteePosition.Chairman,
                <= 5 => CommitteePosition.ViceChairman,
                6 => CommitteePosition.SecretaryGeneral,
                _ => CommitteePosition.Member,
            };
            var member = new CommitteeMember(term.Id, PersonName(data, random), position);
            // The demo committee account is the first vice-chairman: he supervises key suggestions ("my key suggestions").
            if (m == 1) member.LinkAccount(data.Accounts.CommitteeMember.User);
            db.CommitteeMembers.Add(member);
        }

        await db.SaveChangesAsync(ct);
        await DemoEvaluations.AddAsync(db, term, ct);
        if (withDutyLogs)
        {
            await DemoSuggestions.AddAsync(db, term, ct);
            await AddDemoLogsAsync(db, data, term, firstDeputy!.Id, ct);
        }

        await tx.CommitAsync(ct);

        foreach (var account in Accounts(data, towns[0].Id, firstDeputy!.Id))
        {
            await accounts.CreateUserAsync(Caller.System, account, ct);
        }

        // The suggestions feature's department handler (承办单位经办人).
        var handler = DemoSuggestions.Load().Handler;
        var department = await db.GovernmentDepartments.Where(d => d.Name == handler.Department).Select(d => d.Id).FirstAsync(ct);
        await accounts.CreateUserAsync(Caller.System, new NewUserInput
        {
            UserName = handler.User, DisplayName = handler.Display, Password = data.Accounts.Password, Role = Roles.DepartmentHandler, DepartmentId = department,
        }, ct);

        if (withDutyLogs)
        {
            await DemoExits.RaiseFlagsAsync(factory, scores, exitFlags, exitCases, reports, votes, term, data.DemoLogDescription, ct);
        }

        return true;
    }

    /// <summary>
    /// A few approved duty logs per deputy and year, so rankings and charts have something to show. The demo
    /// deputy (the first) only attends the congress: he ranks low, and an approved log moves him up.
    /// </summary>
    private static async Task AddDemoLogsAsync(DeputyDbContext db, DemoData data, Term term, int demoDeputyId, CancellationToken ct)
    {
        var random = new Random(2017);
        string[] extras = [DutyCategory.Inspection, DutyCategory.Reception, DutyCategory.Reception, DutyCategory.Suggestion,
            DutyCategory.TrainingDay, DutyCategory.TrainingDay, DutyCategory.CommitteeAttendance, DutyCategory.RecessAbsence];
        var deputies = await db.Deputies.Select(d => new { d.Id, d.TownId, d.LiaisonStationId }).ToListAsync(ct);
        var at = DateTime.UtcNow;
        for (var year = term.StartYear; year <= term.EndYear; year++)
        {
            foreach (var deputy in deputies)
            {
                void Add(string code, int month) => db.DutyLogs.Add(DutyLog.RecordByClerk(deputy.Id, deputy.TownId, new DateOnly(year, month, 1 + random.Next(27)),
                    code, 1, code == DutyCategory.Reception ? deputy.LiaisonStationId : null, null, data.DemoLogDescription, "seed-demo", at));

                Add(DutyCategory.CongressSession, 3);
                if (deputy.Id == demoDeputyId)
                {
                    continue;
                }

                for (var n = random.Next(4); n > 0; n--)
                {
                    Add(extras[random.Next(extras.Length)], 1 + random.Next(11));
                }
            }
        }

        await db.SaveChangesAsync(ct);
        await DemoExits.AddLogsAsync(db, term, data.DemoLogDescription, ct);
        // Written around the duty service: the yearly totals from the logs at once (the years are then stale).
        await Scoring.ScoreQueries.RebuildTotalsAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(),
            Enumerable.Range(term.StartYear, term.EndYear - term.StartYear + 1).ToList(), ct);
    }

    /// <summary>The demo accounts, one per role, as the README lists them.</summary>
    public static IReadOnlyList<DemoAccount> DemoAccounts()
    {
        var a = Load().Accounts;
        return
        [
            new(a.Administrator.User, a.Password, Roles.Administrator),
            new(a.CountyClerk.User, a.Password, Roles.CountyClerk),
            new(a.TownClerk.User, a.Password, Roles.TownClerk),
            new(a.CommitteeMember.User, a.Password, Roles.CommitteeMember),
            new(a.Deputy.User, a.Password, Roles.Deputy),
            new(DemoSuggestions.Load().Handler.User, a.Password, Roles.DepartmentHandler),
        ];
    }

    private static IEnumerable<NewUserInput> Accounts(DemoData data, int townId, int deputyId)
    {
        var a = data.Accounts;
        yield return new NewUserInput { UserName = a.Administrator.User, DisplayName = a.Administrator.Display, Password = a.Password, Role = Roles.Administrator };
        yield return new NewUserInput { UserName = a.CountyClerk.User, DisplayName = a.CountyClerk.Display, Password = a.Password, Role = Roles.CountyClerk };
        yield return new NewUserInput { UserName = a.TownClerk.User, DisplayName = a.TownClerk.Display, Password = a.Password, Role = Roles.TownClerk, TownId = townId };
        yield return new NewUserInput { UserName = a.CommitteeMember.User, DisplayName = a.CommitteeMember.Display, Password = a.Password, Role = Roles.CommitteeMember };
        yield return new NewUserInput { UserName = a.Deputy.User, DisplayName = a.Deputy.Display, Password = a.Password, Role = Roles.Deputy, DeputyId = deputyId };
    }

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    private static string PersonName(DemoData data, Random random)
    {
        var given = data.GivenNameChars[random.Next(data.GivenNameChars.Count)];
        if (random.Next(3) > 0)
        {
            given += data.GivenNameChars[random.Next(data.GivenNameChars.Count)];
        }

        return data.Surnames[random.Next(data.Surnames.Count)] + given;
    }

    private static DemoData Load()
    {
        using var stream = typeof(DemoCountySeeder).Assembly.GetManifestResourceStream("DemoCounty.json")!;
        return JsonSerializer.Deserialize<DemoData>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    private sealed record DemoData(
        string Term, List<DemoTown> Towns, List<string> Villages, string CentreStationFormat, string VillageStationFormat,
        string DistrictFormat, string DelegationFormat, List<string> Surnames, List<string> GivenNameChars,
        List<DemoDepartment> Departments, DemoAccountSet Accounts, string DemoLogDescription);

    private sealed record DemoTown(string Name, bool SubDistrict);
    private sealed record DemoDepartment(string Name, bool Vertical);
    private sealed record DemoUser(string User, string Display);
    private sealed record DemoAccountSet(string Password, DemoUser Administrator, DemoUser CountyClerk, DemoUser TownClerk, DemoUser CommitteeMember, DemoUser Deputy);
}
