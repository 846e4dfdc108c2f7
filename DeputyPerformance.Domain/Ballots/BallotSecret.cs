using System.Security.Cryptography;
using System.Text;

namespace DeputyPerformance.Domain.Ballots;

/// <summary>Where the ballot secret lives: a file outside the database (null: a key for this process only, for tests).</summary>
public sealed class BallotSecretOptions
{
    public string? KeyFile { get; set; }
}

/// <summary>
/// The secret that keeps electronic ballots unlinkable for whoever holds the database files: code hashes are keyed
/// with it (whoever printed the slips cannot recompute them) and every ballot is sealed with a key derived from it
/// for its vote (a copy of the files taken while the vote is open shows which code was used with an unreadable ballot).
/// </summary>
public interface IBallotSecret
{
    string HashCode(string code);
    byte[] Seal(int voteId, SatisfactionOption option);
    SatisfactionOption Unseal(int voteId, byte[] sealedOption);

    /// <summary>
    /// A 32-byte key for another purpose than ballots, derived from the same secret (HKDF with the purpose as info), e.g.
    /// the key that seals the Data Protection key ring in the database (decision 0080). Distinct purposes give unrelated keys.
    /// </summary>
    byte[] DeriveKey(string purpose);
}

public sealed class BallotSecret : IBallotSecret
{
    private const int NonceSize = 12, TagSize = 16;
    private readonly byte[] _master;

    public BallotSecret(BallotSecretOptions options)
    {
        _master = options.KeyFile is { } path ? LoadOrCreate(path) : RandomNumberGenerator.GetBytes(32);
    }

    public string HashCode(string code)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, _master, 32, info: "dp-vote-code"u8.ToArray());
        return Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant())));
    }

    public byte[] Seal(int voteId, SatisfactionOption option)
    {
        var sealedOption = new byte[NonceSize + 1 + TagSize];
        var nonce = sealedOption.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(KeyOf(voteId), TagSize);
        aes.Encrypt(nonce, [(byte)option], sealedOption.AsSpan(NonceSize, 1), sealedOption.AsSpan(NonceSize + 1), AssociatedData(voteId));
        return sealedOption;
    }

    public SatisfactionOption Unseal(int voteId, byte[] sealedOption)
    {
        if (sealedOption.Length != NonceSize + 1 + TagSize) throw new CryptographicException("sealed ballot has the wrong length");
        Span<byte> plain = stackalloc byte[1];
        using var aes = new AesGcm(KeyOf(voteId), TagSize);
        aes.Decrypt(sealedOption.AsSpan(0, NonceSize), sealedOption.AsSpan(NonceSize, 1), sealedOption.AsSpan(NonceSize + 1), plain, AssociatedData(voteId));
        var option = (SatisfactionOption)plain[0];
        return Enum.IsDefined(option) ? option : throw new CryptographicException("sealed ballot holds no option");
    }

    public byte[] DeriveKey(string purpose)
    {
        if (purpose.StartsWith("dp-ballot", StringComparison.Ordinal) || purpose == "dp-vote-code")
            throw new ArgumentException("The ballot keys are not handed out.", nameof(purpose));
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, _master, 32, info: Encoding.UTF8.GetBytes(purpose));
    }

    private byte[] KeyOf(int voteId) => HKDF.DeriveKey(HashAlgorithmName.SHA256, _master, 32, info: AssociatedData(voteId));

    private static byte[] AssociatedData(int voteId) => Encoding.ASCII.GetBytes("dp-ballot:" + voteId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllBytes(path);
            if (existing.Length == 32) return existing;
            throw new InvalidOperationException($"The ballot key file {path} is damaged (expected 32 bytes).");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            // CreateNew: two processes starting at once must not each write their own key.
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            file.Write(key);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            return File.ReadAllBytes(path);
        }
    }
}
