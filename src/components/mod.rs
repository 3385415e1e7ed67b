pub mod canvas_chart;
pub mod data_view;
pub mod filter_bar;
pub mod market_view;
pub mod ranking_chart;
pub mod ranking_table;
pub mod sources;
pub mod uncertainty_view;
pub mod weights_panel;

pub use data_view::DataView;
pub use filter_bar::FilterBar;
pub use market_view::MarketView;
pub use ranking_chart::RankingChart;
pub use ranking_table::RankingTable;
pub use sources::Sources;
pub use uncertainty_view::UncertaintyView;
pub use weights_panel::WeightsPanel;
