//! Findings about the words of the yearbook that people edit (文字修改.toml) and,
//! later, write: an edit whose generated paragraph changed since it was made, an
//! edit of no paragraph, and a typed figure that is not the data's. One variant
//! per finding, worded here in Chinese; [`super::Kind::Text`] carries them.

/// A finding about edited or written words. `key` is the paragraph's key
/// (`综述.主要数据`) or, for a written part, its name.
#[derive(Debug, Clone, PartialEq)]
pub enum TextFinding {
    /// An edit whose paragraph's generated text is no longer the one it replaced;
    /// `changes` lists what changed (`“8710”变为“8730”`). The edit is still used.
    Stale { key: String, changes: String },
    /// An edit for a key the yearbook has no paragraph for; not used.
    UnknownKey { key: String },
    /// An edit that does not record the generated text it replaced, so a change
    /// of the data cannot be flagged.
    NoOriginal { key: String },
    /// An edit whose text is empty; not used.
    Empty { key: String },
    /// A typed figure (`typed`, as written with its unit: `8720件`, `增长4.5%`)
    /// that matches no figure of the data for what the sentence names;
    /// `expected` states the data's figure (`专利授权量为8710件`), `None` when
    /// nothing in the data is like it.
    Figure { key: String, typed: String, expected: Option<String> },
}

impl TextFinding {
    /// A stable name for the JSON API and tests.
    pub fn id(&self) -> &'static str {
        match self {
            TextFinding::Stale { .. } => "text-stale",
            TextFinding::UnknownKey { .. } => "text-unknown-key",
            TextFinding::NoOriginal { .. } => "text-no-original",
            TextFinding::Empty { .. } => "text-empty",
            TextFinding::Figure { .. } => "text-figure",
        }
    }

    /// The paragraph the finding is about.
    pub fn key(&self) -> &str {
        match self {
            TextFinding::Stale { key, .. }
            | TextFinding::UnknownKey { key }
            | TextFinding::NoOriginal { key }
            | TextFinding::Empty { key }
            | TextFinding::Figure { key, .. } => key,
        }
    }

    /// What was found, in Chinese.
    pub fn message(&self) -> String {
        match self {
            TextFinding::Stale { key, changes } => {
                format!("段落“{key}”的生成文字已随数据改变（{changes}），年报仍印修改后的文字，请核对修改稿")
            }
            TextFinding::UnknownKey { key } => {
                format!("修改的段落“{key}”在本年报中没有，这条修改未采用")
            }
            TextFinding::NoOriginal { key } => {
                format!("段落“{key}”的修改没有记录它所替换的生成文字（replaced），数据改变时无法提示核对")
            }
            TextFinding::Empty { key } => format!("段落“{key}”的修改文字为空，未采用"),
            TextFinding::Figure { key, typed, expected: Some(e) } => format!("{key} 中的“{typed}”：{e}"),
            TextFinding::Figure { key, typed, expected: None } => {
                format!("{key} 中的“{typed}”：数据中没有与之相符的数值")
            }
        }
    }

    /// What to do about it, in Chinese.
    pub fn hint(&self) -> String {
        match self {
            TextFinding::Stale { key, .. } => format!(
                "修改稿无误时运行 yearbook text confirm {key}（或在编制台点“确认”），否则重新修改这一段"
            ),
            TextFinding::UnknownKey { .. } => {
                "请运行 yearbook text list 查看段落名称，改正 key，或删去这条修改".into()
            }
            TextFinding::NoOriginal { key } => {
                format!("运行 yearbook text confirm {key} 记录现在的生成文字")
            }
            TextFinding::Empty { .. } => "请填写修改后的文字；要恢复生成的文字，删去这条修改即可".into(),
            TextFinding::Figure { .. } => {
                "请核对这个数字；如它来自数据以外，请用花括号标出（如“举办培训{52}场”），便不再核对".into()
            }
        }
    }
}
