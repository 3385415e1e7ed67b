//! The state the app holds: signals for what the user chose, memos for what follows from it
//! by calling the engine. Nothing here draws; the views in `components` read these.

pub mod data_catalogue;
pub mod explorer;
pub mod gate_board;
pub mod margins;
pub mod market_detail;
pub mod navigation;
pub mod presentation;
pub mod scenarios;
pub mod test_markets;
pub mod uncertainty;
pub mod url_state;
pub mod user_files;
