using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DeputyPerformance.App.Hosting;

/// <summary>
/// The Data Protection key ring (it signs and encrypts the sign-in and antiforgery cookies) lives in the database, so
/// every node reads the same keys and a cookie issued by one is valid on another and after a restart. Each key's secret
/// is sealed with AES-GCM under a key derived from the node secret (the <c>Ballots:KeyFile</c> file every node shares,
/// never in the database): a copy of the database alone cannot forge a cookie (decision 0080).
/// </summary>
public static class DataProtectionKeys
{
    internal const string Purpose = "dp-dataprotection-keys";

    public static void AddDatabaseKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName("DeputyPerformance")
            .PersistKeysToDbContext<DeputyDbContext>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlEncryptor = new NodeSecretXmlEncryptor(sp.GetRequiredService<IBallotSecret>())));
    }

    /// <summary>
    /// Moves the keys of the folder the app used before (file per key, secrets in plain text on Linux) into the database,
    /// sealed like new keys, and deletes the files it moved. A key already in the database (another node moved it) is
    /// skipped; a file that is not a key is left alone. Returns how many keys were moved.
    /// </summary>
    public static async Task<int> ImportFolderAsync(string folder, IDbContextFactory<DeputyDbContext> factory, IXmlEncryptor encryptor,
        ILogger logger, CancellationToken ct = default)
    {
        if (!Directory.Exists(folder)) return 0;
        var moved = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "key-*.xml"))
        {
            XElement key;
            try
            {
                key = XElement.Load(file);
            }
            catch (System.Xml.XmlException ex)
            {
                logger.LogWarning("Data Protection key file {File} is not XML and was left in place: {Error}", file, ex.Message);
                continue;
            }

            if (key.Name.LocalName != "key") continue;
            var name = Path.GetFileNameWithoutExtension(file);
            await using (var db = await factory.CreateDbContextAsync(ct))
            {
                if (!await db.DataProtectionKeys.AnyAsync(k => k.FriendlyName == name, ct))
                {
                    db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = name, Xml = SealSecrets(key, encryptor).ToString(SaveOptions.DisableFormatting) });
                    try
                    {
                        await db.SaveChangesAsync(ct);
                        moved++;
                    }
                    catch (DbUpdateException)
                    {
                        // Another node stored it first (unique friendly name): it is in the database either way.
                    }
                }
            }

            File.Delete(file);
        }

        if (moved > 0) logger.LogInformation("Moved {Count} Data Protection keys from {Folder} into the database", moved, folder);
        return moved;
    }

    /// <summary>What Data Protection itself does before storing a key: every element marked requiresEncryption is sealed.</summary>
    internal static XElement SealSecrets(XElement key, IXmlEncryptor encryptor)
    {
        XNamespace ns = "http://schemas.asp.net/2015/03/dataProtection";
        var copy = new XElement(key);
        foreach (var secret in copy.Descendants().Where(e => (bool?)e.Attribute(ns + "requiresEncryption") == true).ToList())
        {
            var sealedSecret = encryptor.Encrypt(secret);
            secret.ReplaceWith(new XElement(ns + "encryptedSecret",
                new XAttribute("decryptorType", sealedSecret.DecryptorType.AssemblyQualifiedName!), sealedSecret.EncryptedElement));
        }

        return copy;
    }
}

/// <summary>Seals a key's secret element with AES-256-GCM under a key derived from the node secret.</summary>
public sealed class NodeSecretXmlEncryptor(IBallotSecret secret) : IXmlEncryptor
{
    private const int NonceSize = 12, TagSize = 16;
    private static readonly byte[] AssociatedData = Encoding.ASCII.GetBytes(DataProtectionKeys.Purpose);

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var box = new byte[NonceSize + plain.Length + TagSize];
        RandomNumberGenerator.Fill(box.AsSpan(0, NonceSize));
        using (var aes = new AesGcm(secret.DeriveKey(DataProtectionKeys.Purpose), TagSize))
        {
            aes.Encrypt(box.AsSpan(0, NonceSize), plain, box.AsSpan(NonceSize, plain.Length), box.AsSpan(NonceSize + plain.Length), AssociatedData);
        }

        CryptographicOperations.ZeroMemory(plain);
        var element = new XElement("sealedKey",
            new XComment(" Sealed with AES-256-GCM under a key derived from the node secret (Ballots:KeyFile). "),
            new XElement("value", Convert.ToBase64String(box)));
        return new EncryptedXmlInfo(element, typeof(NodeSecretXmlDecryptor));
    }

    internal static XElement Open(IBallotSecret secret, XElement encryptedElement)
    {
        var box = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? throw new CryptographicException("sealed key has no value"));
        if (box.Length < NonceSize + TagSize) throw new CryptographicException("sealed key is too short");
        var plain = new byte[box.Length - NonceSize - TagSize];
        using (var aes = new AesGcm(secret.DeriveKey(DataProtectionKeys.Purpose), TagSize))
        {
            aes.Decrypt(box.AsSpan(0, NonceSize), box.AsSpan(NonceSize, plain.Length), box.AsSpan(NonceSize + plain.Length), plain, AssociatedData);
        }

        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}

/// <summary>Opens what <see cref="NodeSecretXmlEncryptor"/> sealed; Data Protection creates it by type name with the app's services.</summary>
public sealed class NodeSecretXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        NodeSecretXmlEncryptor.Open(services.GetRequiredService<IBallotSecret>(), encryptedElement);
}
