using Microsoft.ML.Data;

namespace Microsoft.ML.LrFinder.Tests.Trainers.Observation;

/// <summary>
/// Passes an <see cref="IDataView"/> through unchanged and reports every row a cursor reads, with the cursor's ordinal. A trainer
/// reads the rows of a batch just before its step, after the previous step and its learning-rate update: what the optimizer
/// holds then is what that step uses.
/// </summary>
internal sealed class ObservedDataView : IDataView
{
    private readonly IDataView _inner;
    private readonly Action<int> _onRow;
    private int _cursors;

    /// <param name="inner">The data.</param>
    /// <param name="onRow">Called after each row a cursor moves to, with the cursor's ordinal (0 for the first cursor opened).</param>
    public ObservedDataView(IDataView inner, Action<int> onRow)
    {
        _inner = inner;
        _onRow = onRow;
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema => _inner.Schema;

    public long? GetRowCount() => _inner.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(_inner.GetRowCursor(columnsNeeded, rand), Interlocked.Increment(ref _cursors) - 1, _onRow);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly DataViewRowCursor _inner;
        private readonly int _ordinal;
        private readonly Action<int> _onRow;

        public Cursor(DataViewRowCursor inner, int ordinal, Action<int> onRow)
        {
            _inner = inner;
            _ordinal = ordinal;
            _onRow = onRow;
        }

        public override long Position => _inner.Position;

        public override long Batch => _inner.Batch;

        public override DataViewSchema Schema => _inner.Schema;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _inner.GetGetter<TValue>(column);

        public override ValueGetter<DataViewRowId> GetIdGetter() => _inner.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => _inner.IsColumnActive(column);

        public override bool MoveNext()
        {
            bool moved = _inner.MoveNext();
            if (moved)
            {
                _onRow(_ordinal);
            }

            return moved;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
