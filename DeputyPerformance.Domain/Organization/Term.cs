namespace DeputyPerformance.Domain.Organization;

/// <summary>届: the five-year term of a congress, named like "2016-2021".</summary>
public class Term
{
    private Term() { }

    public Term(string name, int startYear, int endYear)
    {
        Name = name;
        StartYear = startYear;
        EndYear = endYear;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public int StartYear { get; private set; }
    public int EndYear { get; private set; }

    public void Update(string name, int startYear, int endYear)
    {
        Name = name;
        StartYear = startYear;
        EndYear = endYear;
    }

    /// <summary>Parses the roster's term text "2016-2021"; null when it is not two ordered years.</summary>
    public static (int Start, int End)? ParseYears(string? text)
    {
        var parts = (text ?? "").Trim().Split('-', '–', '—');
        if (parts.Length == 2 && int.TryParse(parts[0].Trim(), out var start) && int.TryParse(parts[1].Trim(), out var end)
            && start is >= 1949 and <= 2200 && end > start && end - start <= 10)
        {
            return (start, end);
        }

        return null;
    }
}
