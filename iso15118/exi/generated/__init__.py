"""Generated EXI grammar tables."""
