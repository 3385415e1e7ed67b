pub mod data_view;
pub mod filter_bar;
pub mod ranking_chart;
pub mod ranking_table;
pub mod sources;
pub mod weights_panel;

pub use data_view::DataView;
pub use filter_bar::FilterBar;
pub use ranking_chart::RankingChart;
pub use ranking_table::RankingTable;
pub use sources::Sources;
pub use weights_panel::WeightsPanel;
