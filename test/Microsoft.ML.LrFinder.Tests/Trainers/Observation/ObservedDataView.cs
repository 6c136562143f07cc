using Microsoft.ML.Data;

namespace Microsoft.ML.LrFinder.Tests.Trainers.Observation;

/// <summary>
/// Passes an <see cref="IDataView"/> through unchanged and reports every value a cursor reads, with the cursor's ordinal and the
/// row's position in this data, and every cursor that runs out of rows. A view above (a filter, a train-test split, a
/// <c>TakeRows</c>) moves over the rows it drops without reading their values, so the values read name the rows actually used.
/// A trainer reads the rows of a batch just before its step, after the previous step and its learning-rate update: what the
/// optimizer holds then is what that step uses.
/// </summary>
internal sealed class ObservedDataView : IDataView
{
    private readonly IDataView _inner;
    private readonly Action<int, long> _onValueRead;
    private readonly Action<int> _onExhausted;
    private int _cursors;

    /// <param name="inner">The data.</param>
    /// <param name="onValueRead">Called after each value read, with the cursor's ordinal (0 for the first cursor opened) and the row's position.</param>
    /// <param name="onExhausted">Called when a cursor's <c>MoveNext</c> returns false, with the cursor's ordinal.</param>
    public ObservedDataView(IDataView inner, Action<int, long> onValueRead, Action<int> onExhausted)
    {
        _inner = inner;
        _onValueRead = onValueRead;
        _onExhausted = onExhausted;
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema => _inner.Schema;

    public long? GetRowCount() => _inner.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(_inner.GetRowCursor(columnsNeeded, rand), Interlocked.Increment(ref _cursors) - 1, this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly DataViewRowCursor _inner;
        private readonly int _ordinal;
        private readonly ObservedDataView _view;

        public Cursor(DataViewRowCursor inner, int ordinal, ObservedDataView view)
        {
            _inner = inner;
            _ordinal = ordinal;
            _view = view;
        }

        public override long Position => _inner.Position;

        public override long Batch => _inner.Batch;

        public override DataViewSchema Schema => _inner.Schema;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var getter = _inner.GetGetter<TValue>(column);
            return (ref TValue value) =>
            {
                getter(ref value);
                _view._onValueRead(_ordinal, _inner.Position);
            };
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => _inner.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => _inner.IsColumnActive(column);

        public override bool MoveNext()
        {
            bool moved = _inner.MoveNext();
            if (!moved)
            {
                _view._onExhausted(_ordinal);
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
