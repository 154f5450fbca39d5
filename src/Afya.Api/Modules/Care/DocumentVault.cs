using System.Security.Cryptography;
using System.Text;
using Afya.Api.Platform.Storage;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Care;

// Envelope encryption for documents: a fresh AES-256-GCM key per file, sealed with the master key from settings.
// Stored file and wrapped key are both nonce (12) | tag (16) | ciphertext.
public sealed class DocumentVault(IFileStorage storage, IOptions<CareOptions> options)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private byte[] MasterKey => SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.DocumentKey));

    public async Task<(string StorageKey, byte[] WrappedKey)> StoreAsync(byte[] plain, CancellationToken ct)
    {
        var fileKey = RandomNumberGenerator.GetBytes(32);
        var sealedFile = Seal(fileKey, plain);
        using var content = new MemoryStream(sealedFile);
        var key = await storage.SaveAsync($"{LocalFileStorage.PrivateFolder}/documents", ".bin", content, ct);
        return (key, Seal(MasterKey, fileKey));
    }

    public async Task<byte[]> ReadAsync(string storageKey, byte[] wrappedKey, CancellationToken ct)
    {
        var fileKey = Open(MasterKey, wrappedKey);
        await using var file = await storage.OpenReadAsync(storageKey, ct);
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return Open(fileKey, buffer.ToArray());
    }

    private static byte[] Seal(byte[] key, byte[] plain)
    {
        var output = new byte[NonceSize + TagSize + plain.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize));
        return output;
    }

    private static byte[] Open(byte[] key, byte[] sealedBytes)
    {
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain);
        return plain;
    }

    // PDF, JPEG or PNG, judged by the first bytes.
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8)) return "application/pdf";
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        return null;
    }
}
