using BenchDashboard.Infrastructure.Api;
using Microsoft.AspNetCore.Components.Forms;

namespace BenchDashboard.Features.Ingestion;

/// <summary>
/// A file chosen on the Import page, copied from the browser into a temporary file that deletes itself. The copy is
/// read twice (dry run, then import) without asking the browser again.
/// </summary>
public sealed class UploadedFile : IAsyncDisposable
{
    private readonly string _path = Path.GetTempFileName();

    private UploadedFile(string name, long length)
    {
        Name = name;
        Length = length;
    }

    public string Name { get; }
    public long Length { get; }

    /// <summary>Copies the browser's file, reporting the share done (0–1) as it goes.</summary>
    public static async Task<UploadedFile> CopyAsync(IBrowserFile file, IProgress<double> progress, CancellationToken ct)
    {
        var uploaded = new UploadedFile(file.Name, file.Size);
        try
        {
            await using var source = file.OpenReadStream(RequestBody.MaxBytes, ct);
            await using var target = File.Create(uploaded._path);
            var buffer = new byte[81_920];
            long copied = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
                copied += read;
                progress.Report(file.Size == 0 ? 1 : (double)copied / file.Size);
            }
            return uploaded;
        }
        catch
        {
            await uploaded.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh read of the copy that reports how far it got (0–1), for the progress bar.</summary>
    public Stream OpenRead(IProgress<double>? progress = null)
    {
        var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 81_920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return progress is null ? stream : new ProgressStream(stream, progress);
    }

    public ValueTask DisposeAsync()
    {
        try { File.Delete(_path); } catch (IOException) { /* a temp file; the OS cleans it eventually */ }
        return ValueTask.CompletedTask;
    }

    /// <summary>Reports position / length after each read; the importers read front to back, so that is their progress.</summary>
    private sealed class ProgressStream(Stream inner, IProgress<double> progress) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Report(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Report(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Report(int read)
        {
            if (inner.Length > 0) progress.Report((double)inner.Position / inner.Length);
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
