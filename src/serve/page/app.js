// The desk's page: renders /api/status, uploads, removes, builds and saves the
// settings through the JSON API, and follows /api/events for live updates.
"use strict";
const $ = (s) => document.querySelector(s);
const LEVEL = { error: "错误", warning: "警告", note: "提示" };
const RANK = { error: 0, warning: 1, note: 2 };
let state = { status: null, sort: { key: "severity", dir: 1 } };

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
function size(n) {
  if (n >= 1048576) return (n / 1048576).toFixed(1) + " MB";
  if (n >= 1024) return Math.round(n / 1024) + " KB";
  return n + " 字节";
}
function time(secs) {
  if (!secs) return "";
  const d = new Date(secs * 1000), p = (x) => String(x).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
function toast(text) {
  const t = $("#toast");
  t.textContent = text; t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (t.hidden = true), 2200);
}
async function post(url, body, json) {
  const opts = { method: "POST" };
  if (json) { opts.headers = { "Content-Type": "application/json" }; opts.body = JSON.stringify(body); }
  else if (body) opts.body = body;
  const r = await fetch(url, opts);
  let data = {};
  try { data = await r.json(); } catch (_) { /* not JSON */ }
  if (!r.ok && !data.error) data.error = `请求失败（${r.status}）`;
  return { ok: r.ok, data };
}

function renderStatus(s) {
  state.status = s;
  const errors = s.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = s.diagnostics.filter((d) => d.severity === "warning").length;
  $("#summary").innerHTML = s.problem
    ? `<b>无法检查：</b>${esc(s.problem)}`
    : `报告年度 <b>${s.year ?? "—"}</b> · 文件 <b>${s.files.length}</b> 个 · 读入数值 <b>${s.values}</b> 个 · 错误 <b>${errors}</b> · 警告 <b>${warnings}</b>`;
  const rows = s.files.map((f) => {
    const values = f.not_read
      ? `<span class="not-read">未读入（${esc(f.not_read)}）</span>`
      : f.values ?? "无法打开";
    const link = f.link ? `<div class="muted" title="${esc(f.link)}">链接，指向 ${esc(f.link)}</div>` : "";
    return `<tr data-file="${esc(f.name)}"${f.not_read ? ' class="not-read-row"' : ""}>
      <td>${esc(f.name)}${link}</td><td class="num">${f.not_read && !f.size ? "" : size(f.size)}</td><td>${time(f.modified)}</td>
      <td class="num">${values}</td><td class="num">${f.warnings}</td>
      <td class="num">${f.errors ? `<b style="color:#b42318">${f.errors}</b>` : 0}</td>
      <td><button class="link remove" data-name="${esc(f.name)}">移出</button></td></tr>`;
  });
  $("#files tbody").innerHTML = rows.join("") || `<tr><td colspan="7" class="empty">数据目录中还没有工作簿</td></tr>`;
  renderRemoved(s.removed || []);
  const sel = $("#f-file"), keep = sel.value;
  const files = [...new Set(s.diagnostics.map((d) => d.file).filter(Boolean))].sort();
  sel.innerHTML = `<option value="">全部文件</option>` + files.map((f) => `<option>${esc(f)}</option>`).join("");
  if (files.includes(keep)) sel.value = keep;
  renderDiagnostics();
  if (s.build) renderBuild(s.build);
  setBuilding(s.building);
  renderStale();
}

function renderRemoved(list) {
  $("#removed").hidden = list.length === 0;
  $("#removed-list tbody").innerHTML = list.map((r) => `<tr>
      <td>${esc(r.name)}</td><td>${esc(r.what)}</td><td>${esc(r.removed ?? "—")}</td>
      <td class="num">${r.what === "文件" ? size(r.size) : ""}</td>
      <td><button class="link restore" data-id="${esc(r.id)}" data-name="${esc(r.name)}">放回</button></td></tr>`).join("");
}

// The yearbook shown was built from older data than the folder and settings hold.
function renderStale() {
  const s = state.status, el = $("#stale");
  const stale = !!s && s.yearbook_from != null && s.yearbook_from < s.data_generation;
  // The pages and links shown are the older yearbook's: dimmed until the next one.
  $("#thumbs").classList.toggle("dim", stale);
  $("#links").classList.toggle("dim", stale);
  if (!stale) { el.hidden = true; return; }
  const failed = s.build && !s.build.ok && !s.building && s.build.built_from >= s.data_generation;
  el.textContent = failed
    ? "年报不是最新数据生成的：按最新数据生成未成功，原因见下方；修正后将自动重新生成。"
    : "年报不是最新数据生成的，正在重新生成……";
  el.hidden = false;
}

function renderDiagnostics() {
  const s = state.status;
  if (!s) return;
  const level = $("#f-level").value, file = $("#f-file").value;
  const { key, dir } = state.sort;
  const list = s.diagnostics
    .filter((d) => (!level || d.severity === level) && (!file || d.file === file))
    .sort((a, b) => {
      const x = key === "severity" ? RANK[a.severity] - RANK[b.severity] : String(a[key]).localeCompare(String(b[key]), "zh-CN", { numeric: true });
      return x * dir;
    });
  $("#diag-count").textContent = `共 ${list.length} 条`;
  $("#diags tbody").innerHTML = list.map((d) => `<tr class="sev-${d.severity}" data-ref="${esc(`${d.file}!${d.sheet}!${d.cell}`)}">
      <td><span class="badge">${LEVEL[d.severity]}</span></td><td>${esc(d.file || (d.rule ? "（计算）" : "—"))}</td>
      <td>${esc(d.sheet)}</td><td>${esc(d.cell)}</td><td>${esc(d.message)}</td><td>${esc(d.hint)}</td></tr>`).join("")
    || `<tr><td colspan="6" class="empty">没有需要处理的问题</td></tr>`;
  document.querySelectorAll("#diags th.sortable").forEach((th) => {
    th.classList.toggle("asc", th.dataset.key === key && dir > 0);
    th.classList.toggle("desc", th.dataset.key === key && dir < 0);
  });
}

function setBuilding(on) {
  $("#build-btn").disabled = on;
  $("#progress").hidden = !on;
  $("#build-btn").textContent = on ? "正在生成……" : "生成年报";
}

function renderBuild(b) {
  const msg = $("#build-msg");
  if (b.ok) {
    msg.className = b.warning ? "msg err" : "msg ok";
    msg.textContent = `已生成：${b.pages} 页，用时 ${b.seconds.toFixed(1)} 秒` + (b.warning ? `；${b.warning}` : "");
    const names = b.exports.map((u) => (u.endsWith(".csv") ? "整理后数据（CSV）" : "整理后数据（Excel）"));
    $("#links").innerHTML = `<a id="pdf-open" href="${b.pdf}" target="_blank">打开 PDF</a>
      <a id="pdf-download" href="${b.pdf}" download>下载 PDF</a>` +
      b.exports.map((u, i) => `<a href="${u}" download>${names[i]}</a>`).join("") +
      (b.docx ? `<a id="docx-download" href="${b.docx}" download>下载 Word 版</a>` : "") +
      (b.briefs.length ? `<span class="briefs">街道简报：` + b.briefs.map((u) =>
        `<a href="${u}" download>${decodeURIComponent(u.slice(8)).replace(/知识产权统计简报.*$/, "")}</a>`).join("") + `</span>` : "");
    if (state.shown !== b.generation) {
      state.shown = b.generation;
      $("#thumbs").innerHTML = Array.from({ length: b.pages }, (_, i) =>
        `<figure data-page="${i + 1}"><img loading="lazy" alt="第 ${i + 1} 页" src="/pages/${i + 1}.png?g=${b.generation}"><figcaption>${i + 1}</figcaption></figure>`).join("");
    }
  } else {
    msg.className = "msg err";
    msg.textContent = `未生成：${b.error ?? "原因不明"}`;
  }
}

async function refresh() {
  const r = await fetch("/api/status");
  renderStatus(await r.json());
}

// All the files in one request: the server takes all of them or none.
async function upload(files) {
  const m = $("#upload-msg");
  if (!files.length) return;
  const big = files.find((f) => f.size > 50 * 1024 * 1024);
  if (big) { m.className = "msg err"; m.textContent = `${big.name} 超过 50 MB，未上传任何文件`; return; }
  const form = new FormData();
  for (const f of files) form.append("file", f, f.name);
  m.className = "msg"; m.textContent = files.length > 1 ? `正在上传 ${files.length} 个文件……` : `正在上传 ${files[0].name}……`;
  const { ok, data } = await post("/api/files", form);
  m.className = ok ? "msg ok" : "msg err";
  m.textContent = ok ? `已放入数据目录：${data.files.join("、")}` : data.error;
  refresh();
}

function bind() {
  const drop = $("#drop");
  ["dragenter", "dragover"].forEach((e) => drop.addEventListener(e, (ev) => { ev.preventDefault(); drop.classList.add("over"); }));
  ["dragleave", "drop"].forEach((e) => drop.addEventListener(e, (ev) => { ev.preventDefault(); drop.classList.remove("over"); }));
  drop.addEventListener("drop", (ev) => upload([...ev.dataTransfer.files]));
  $("#picker").addEventListener("change", (ev) => { upload([...ev.target.files]); ev.target.value = ""; });
  $("#files").addEventListener("click", async (ev) => {
    const b = ev.target.closest("button.remove");
    if (!b) return;
    if (!confirm(`把 ${b.dataset.name} 移出数据目录？\n它会移到 data/.已移除/，不会删除，可随时放回。`)) return;
    const { ok, data } = await post(`/api/files/${encodeURIComponent(b.dataset.name)}/remove`);
    const m = $("#upload-msg");
    m.className = ok ? "msg ok" : "msg err";
    m.textContent = ok ? `已移到 data/${data["moved-to"]}` : data.error;
    refresh();
  });
  $("#removed-list").addEventListener("click", async (ev) => {
    const b = ev.target.closest("button.restore");
    if (!b) return;
    const { ok, data } = await post(`/api/removed/${encodeURIComponent(b.dataset.id)}/restore`);
    const m = $("#upload-msg");
    m.className = ok ? "msg ok" : "msg err";
    m.textContent = ok ? `已放回数据目录：${data.name}` : data.error;
    refresh();
  });
  $("#f-level").addEventListener("change", renderDiagnostics);
  $("#f-file").addEventListener("change", renderDiagnostics);
  document.querySelectorAll("#diags th.sortable").forEach((th) => th.addEventListener("click", () => {
    const k = th.dataset.key;
    state.sort = { key: k, dir: state.sort.key === k ? -state.sort.dir : 1 };
    renderDiagnostics();
  }));
  $("#diags tbody").addEventListener("click", async (ev) => {
    const tr = ev.target.closest("tr[data-ref]");
    if (!tr) return;
    const ref = tr.dataset.ref;
    try { await navigator.clipboard.writeText(ref); toast(`已复制：${ref}`); }
    catch (_) { toast(`请手动复制：${ref}`); }
  });
  $("#build-btn").addEventListener("click", async () => {
    setBuilding(true);
    $("#build-msg").textContent = "";
    const { data } = await post("/api/build");
    setBuilding(false);
    if (data.generation !== undefined) { renderBuild(data); refresh(); }
    else { $("#build-msg").className = "msg err"; $("#build-msg").textContent = data.error; }
  });
  $("#thumbs").addEventListener("click", (ev) => {
    const f = ev.target.closest("figure");
    if (!f) return;
    const v = $("#viewer");
    v.querySelector("img").src = `/pages/${f.dataset.page}.png?large=1&g=${state.shown}`;
    v.hidden = false;
  });
  $("#viewer").addEventListener("click", () => ($("#viewer").hidden = true));
  $("#settings-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const f = ev.target;
    const body = {
      year: f.year.value ? Number(f.year.value) : null, date: f.date.value, organization: f.organization.value,
      paper: f.paper.value, chapter_on_right: f.chapter_on_right.checked,
    };
    const { ok, data } = await post("/api/settings", body, true);
    const m = $("#settings-msg");
    m.className = ok ? "msg ok" : "msg err";
    m.textContent = ok ? "已保存" : data.error;
  });
}

async function loadSettings() {
  const s = await (await fetch("/api/settings")).json();
  const f = $("#settings-form");
  f.year.value = s.year ?? ""; f.date.value = s.date ?? ""; f.organization.value = s.organization ?? "";
  f.paper.value = s.paper; f.chapter_on_right.checked = s.chapter_on_right;
}

function live() {
  const es = new EventSource("/api/events");
  es.addEventListener("open", () => $("#live").classList.remove("off"));
  es.addEventListener("error", () => $("#live").classList.add("off"));
  es.addEventListener("status", (e) => renderStatus(JSON.parse(e.data)));
  es.addEventListener("changed", (e) => {
    if (!state.status) return;
    state.status.data_generation = JSON.parse(e.data).data_generation;
    renderStale();
  });
  es.addEventListener("build-start", () => setBuilding(true));
  es.addEventListener("progress", (e) => ($("#progress-text").textContent = JSON.parse(e.data)));
  es.addEventListener("build", (e) => {
    const b = JSON.parse(e.data);
    if (state.status) {
      state.status.build = b; state.status.building = b.exporting;
      if (b.ok) state.status.yearbook_from = b.built_from;
    }
    setBuilding(b.exporting); renderBuild(b); renderStale();
    if (b.ok) loadTexts();
  });
}

// ---- 年报文字: the paragraphs by key, edited beside the generated text.
const texts = { list: [], key: null };

async function loadTexts() {
  const r = await (await fetch("/api/texts")).json();
  texts.list = r.paragraphs || [];
  // A link to a paragraph (#段落=综述.主要数据) opens it.
  const asked = decodeURIComponent(location.hash).match(/^#段落=(.+)$/);
  const first = !texts.key && asked && texts.list.some((p) => p.key === asked[1]);
  if (first) texts.key = asked[1];
  renderKeys();
  if (texts.key) renderEditor(first);
  focus();
}

// #文字 or #段落=KEY: the page shows the paragraphs alone; # shows everything.
function focus() {
  const on = decodeURIComponent(location.hash).startsWith("#文字") || decodeURIComponent(location.hash).startsWith("#段落=");
  document.body.classList.toggle("texts-only", on);
  $("#nav-texts").hidden = on; $("#nav-all").hidden = !on;
}

function tags(p) {
  return (p.edited != null ? `<span class="tag edited">已修改</span>` : "") +
    (p.stale ? `<span class="tag t-stale">待确认</span>` : "") +
    (p.figures.length ? `<span class="tag figs">数字待核 ${p.figures.length}</span>` : "");
}

function renderKeys() {
  const q = $("#t-filter").value.trim(), only = $("#t-edited").checked;
  const shown = texts.list.filter((p) => (!q || p.key.includes(q)) && (!only || p.edited != null));
  $("#t-keys").innerHTML = shown.map((p) =>
    `<li data-key="${esc(p.key)}"${p.key === texts.key ? ' class="on"' : ""}>${esc(p.key)}${tags(p)}</li>`).join("")
    || `<li class="empty">${texts.list.length ? "没有符合条件的段落" : "生成年报后列出各段落"}</li>`;
}

function diffHtml(segments, side) {
  return segments.map((s) => {
    if (s.same !== undefined) return esc(s.same);
    if (s.old !== undefined) return side === "old" ? `<del>${esc(s.old)}</del>` : "";
    return side === "new" ? `<ins>${esc(s.new)}</ins>` : "";
  }).join("");
}

// `fresh`: a paragraph just picked (the text box takes its text); otherwise a
// rebuild came in and what is being typed stays.
function renderEditor(fresh) {
  const p = texts.list.find((x) => x.key === texts.key), el = $("#t-editor");
  if (!p) { el.innerHTML = `<p class="empty">从左侧选一段文字。</p>`; return; }
  const typed = !fresh && $("#t-text") ? $("#t-text").value : (p.edited ?? p.generated);
  const cols = p.stale
    ? `<div><h4>原生成文字（修改时）</h4><div class="t-box">${diffHtml(p.diff, "old")}</div></div>
       <div><h4>现生成文字（按现在的数据）</h4><div class="t-box">${diffHtml(p.diff, "new")}</div></div>`
    : `<div><h4>生成的文字</h4><div class="t-box">${esc(p.generated)}</div></div>`;
  el.innerHTML = `<h3>${esc(p.key)}${tags(p)}</h3>
    ${p.stale ? `<div class="t-note">数据改变后，这一段的生成文字已与修改时不同（红色为删去，绿色为新增）。年报仍印修改稿；请核对修改稿，无误后点“确认修改稿”，或改好后保存。</div>` : ""}
    <div class="t-cols">${cols}<div><h4>修改稿（印入年报）</h4><textarea id="t-text">${esc(typed)}</textarea></div></div>
    ${p.figures.length ? `<ul class="t-figs">${p.figures.map((f) => `<li>${esc(f)}</li>`).join("")}</ul>` : ""}
    <div class="t-actions">
      <button id="t-save" class="primary">保存并重新生成</button>
      ${p.stale ? `<button id="t-confirm">确认修改稿</button>` : ""}
      ${p.edited != null ? `<button id="t-revert">恢复生成文字</button>` : ""}
      <span id="t-msg" class="msg"></span>
    </div>`;
}

async function textAction(action) {
  const body = { key: texts.key, action };
  if (action === "save") body.text = $("#t-text").value;
  const m = $("#t-msg");
  m.className = "msg"; m.textContent = "正在保存……";
  const { ok, data } = await post("/api/texts", body, true);
  m.className = ok ? "msg ok" : "msg err";
  m.textContent = ok ? (data.changed ? "已保存到 文字修改.toml，正在重新生成……" : "与生成的文字相同，无需保存") : data.error;
}

function bindTexts() {
  window.addEventListener("hashchange", focus);
  $("#t-filter").addEventListener("input", renderKeys);
  $("#t-edited").addEventListener("change", renderKeys);
  $("#t-keys").addEventListener("click", (ev) => {
    const li = ev.target.closest("li[data-key]");
    if (!li) return;
    texts.key = li.dataset.key;
    renderKeys(); renderEditor(true);
  });
  $("#t-editor").addEventListener("click", (ev) => {
    if (ev.target.id === "t-save") textAction("save");
    if (ev.target.id === "t-confirm") textAction("confirm");
    if (ev.target.id === "t-revert" && confirm("删去这一段的修改，恢复生成的文字？")) {
      textAction("revert").then(() => { $("#t-text").value = texts.list.find((x) => x.key === texts.key)?.generated ?? ""; });
    }
  });
}

bind();
bindTexts();
refresh();
loadSettings();
loadTexts();
live();
