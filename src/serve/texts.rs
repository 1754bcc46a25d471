//! The desk's paragraphs: `GET /api/texts` lists every paragraph of the last
//! build by key (generated text, edit, stale state with its word diff, typed
//! figures not matching the data); `POST /api/texts` saves an edit, confirms a
//! stale one or drops one, writing `文字修改.toml` atomically (comments kept), and
//! rebuilds. The edit is recorded against the generated text of the last build.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use super::{Desk, refuse};
use crate::text::edits::{self, Change};

/// The largest request to save a paragraph, in bytes.
pub const MAX_TEXT_BODY: usize = 256 * 1024;

/// The paragraphs of the last build; empty before the first.
pub async fn list(State(desk): State<Arc<Desk>>) -> Response {
    let texts = desk.texts.read().expect("texts lock").clone();
    let built = texts.is_some();
    let paragraphs = texts.map(|t| t.paragraphs).unwrap_or_default();
    Json(json!({ "built": built, "file": edits::FILE, "paragraphs": paragraphs })).into_response()
}

/// What the page asks for one paragraph.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Request {
    key: String,
    /// `save`, `confirm` or `revert`.
    action: String,
    #[serde(default)]
    text: Option<String>,
}

/// Saves, confirms or drops the edit of a paragraph, then rebuilds.
pub async fn change(State(desk): State<Arc<Desk>>, body: Result<Bytes, BytesRejection>) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            let why = format!("文字超过 {} KB，未保存", MAX_TEXT_BODY >> 10);
            return refuse(StatusCode::PAYLOAD_TOO_LARGE, &why);
        }
        Err(_) => return refuse(StatusCode::BAD_REQUEST, "内容无法读取，未保存"),
    };
    let Ok(req) = serde_json::from_slice::<Request>(&body) else {
        return refuse(StatusCode::BAD_REQUEST, "内容无法读取（应为段落修改的 JSON），未保存");
    };
    let generated = {
        let texts = desk.texts.read().expect("texts lock");
        let Some(texts) = texts.as_ref() else {
            return refuse(StatusCode::CONFLICT, "尚未生成年报，请先生成年报再修改文字");
        };
        match texts.get(&req.key) {
            Some(p) => p.generated.clone(),
            None => {
                return refuse(StatusCode::NOT_FOUND, &format!("年报中没有段落“{}”，请刷新页面", req.key));
            }
        }
    };
    let change = match (req.action.as_str(), req.text) {
        ("save", Some(text)) if edits::clean(&text).is_empty() => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "修改后的文字为空，未保存；要恢复生成的文字请点“恢复生成文字”",
            );
        }
        ("save", Some(text)) if edits::clean(&text) == generated => Change::Remove,
        ("save", Some(text)) => Change::Set { replaced: generated, text },
        ("confirm", _) => Change::Confirm { replaced: generated },
        ("revert", _) => Change::Remove,
        _ => return refuse(StatusCode::BAD_REQUEST, "不明白要做什么（action 应为 save、confirm 或 revert）"),
    };
    let path = edits::path_for(&desk.config_path);
    let exists = desk
        .texts
        .read()
        .expect("texts lock")
        .as_ref()
        .and_then(|t| t.get(&req.key))
        .is_some_and(|p| p.edited.is_some());
    // Saving the generated text unchanged over no edit changes nothing.
    if change == Change::Remove && !exists {
        return Json(json!({ "ok": true, "changed": false })).into_response();
    }
    if let Err(e) = edits::change(&path, &req.key, &change) {
        return refuse(StatusCode::CONFLICT, &format!("{e:#}"));
    }
    desk.changed();
    desk.check().await;
    Json(json!({ "ok": true, "changed": true })).into_response()
}
