"""Market kinds (arts. 8, 17-23): funds, orders, auctions and settlement batches. TxBody fields 200-299."""
