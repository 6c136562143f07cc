using System.Text;

namespace Microsoft.ML.LrFinder.Cli.Output;

/// <summary>
/// Passes text through line by line without trailing spaces. Spectre pads table cells to the console width, which is invisible
/// on a terminal but leaves every line of a redirected table ending in spaces.
/// </summary>
internal sealed class TrailingSpaceTrimmingWriter : TextWriter
{
    private readonly TextWriter _inner;
    private readonly StringBuilder _line = new();

    public TrailingSpaceTrimmingWriter(TextWriter inner) => _inner = inner;

    public override Encoding Encoding => _inner.Encoding;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            EmitLine();
            _inner.Write('\n');
        }
        else if (value != '\r')
        {
            _line.Append(value);
        }
    }

    public override void Write(string? value)
    {
        foreach (char c in value ?? string.Empty)
        {
            Write(c);
        }
    }

    public override void Flush()
    {
        // A partial line keeps its trailing spaces pending: they vanish if the line ends, and are written if text follows.
        _inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            EmitLine();
            _inner.Flush();
        }

        base.Dispose(disposing);
    }

    private void EmitLine()
    {
        int length = _line.Length;
        while (length > 0 && _line[length - 1] == ' ')
        {
            length--;
        }

        _inner.Write(_line.ToString(0, length));
        _line.Clear();
    }
}
