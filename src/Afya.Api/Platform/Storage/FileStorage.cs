using System.Security.Cryptography;
using Afya.Api.Platform.Settings;
using Microsoft.Extensions.Options;

namespace Afya.Api.Platform.Storage;

// Where uploaded files (avatars, product images, documents) are kept.
public interface IFileStorage
{
    // Stores the content under a generated name and returns its key (folder/name.ext).
    Task<string> SaveAsync(string folder, string extension, Stream content, CancellationToken ct);

    Task DeleteAsync(string key, CancellationToken ct);

    // Reads a stored file back (documents are served through their module, never as public URLs).
    Task<Stream> OpenReadAsync(string key, CancellationToken ct);

    // The stable public URL of a stored file.
    string UrlOf(string key);
}

// Keeps files under the data folder and serves them at /media.
public sealed class LocalFileStorage(IOptions<StorageOptions> options) : IFileStorage
{
    public const string RequestPath = "/media";

    // Files saved under this folder are never served at RequestPath (medical documents, read through their module).
    public const string PrivateFolder = "private";

    public string Root => Path.Combine(Path.GetFullPath(options.Value.DataPath), "media");

    public async Task<string> SaveAsync(string folder, string extension, Stream content, CancellationToken ct)
    {
        var name = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + extension;
        var key = $"{folder}/{name}";
        var path = Path.Combine(Root, folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await content.CopyToAsync(file, ct);
        return key;
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var path = Path.GetFullPath(Path.Combine(Root, key));
        if (path.StartsWith(Root, StringComparison.Ordinal) && File.Exists(path)) File.Delete(path);
        return Task.CompletedTask;
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken ct)
    {
        var path = Path.GetFullPath(Path.Combine(Root, key));
        if (!path.StartsWith(Root, StringComparison.Ordinal)) throw new ArgumentException("The key leaves the storage folder.", nameof(key));
        return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));
    }

    public string UrlOf(string key) => $"{RequestPath}/{key}";
}

// Recognises images by their first bytes, never by the file name a client sent.
public static class ImageContent
{
    public static async Task<string?> SniffExtensionAsync(Stream content, CancellationToken ct)
    {
        var head = new byte[12];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (content.CanSeek) content.Position = 0;
        ReadOnlySpan<byte> h = head.AsSpan(0, read);
        if (h.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return ".jpg";
        if (h.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return ".png";
        if (h.Length >= 12 && h[..4].SequenceEqual("RIFF"u8) && h[8..12].SequenceEqual("WEBP"u8)) return ".webp";
        return null;
    }
}
