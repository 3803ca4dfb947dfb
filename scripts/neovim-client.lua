-- `stagelint lsp` driven by a real editor: Neovim's built-in LSP client, headless (issue 20).
-- Started by scripts/check-editors.sh inside a scratch folder that holds funnel.yaml (gtm-lead-stages
-- with a team typo, a vague entry rule, a misspelt stage reference and a stale suppression comment),
-- after the init.lua that holds docs/editors.md's Neovim 0.7–0.9 block as it is written there: the file
-- is opened as a user opens it, the block's FileType autocommand starts the server, and its keys are
-- pressed. Uses the API of Neovim 0.7 (Debian 12's). Writes one line per check ("ok: …" or
-- "FAILED: …") to $RESULTS and quits with status 1 when a check failed.
local results = assert(io.open(assert(os.getenv('RESULTS'), 'set RESULTS'), 'w'))
local failed = 0
local function check(condition, what, detail)
  if condition then
    results:write('ok: ', what, '\n')
  else
    failed = failed + 1
    results:write('FAILED: ', what, detail and (' (' .. vim.inspect(detail) .. ')') or '', '\n')
  end
  results:flush()
end

-- Any Lua error ends the run as a failed check, rather than leaving Neovim waiting.
local ok, problem = pcall(function()
  vim.cmd('edit funnel.yaml')
  local buf = vim.api.nvim_get_current_buf()
  check(vim.bo[buf].filetype == 'yaml', 'the playbook opens as YAML', vim.bo[buf].filetype)
  check(vim.wait(10000, function() return next(vim.lsp.buf_get_clients(buf)) ~= nil end, 20),
        'the documented set-up starts stagelint lsp for the buffer')
  local _, client = next(vim.lsp.buf_get_clients(buf))
  local id = client.id
  check(client.name == 'stagelint', 'the client is stagelint', client.name)
  check(vim.bo[buf].omnifunc == 'v:lua.vim.lsp.omnifunc', 'completion is on <C-x><C-o>', vim.bo[buf].omnifunc)

  local function lines() return vim.api.nvim_buf_get_lines(buf, 0, -1, false) end
  -- The 1-based number of the first line that contains `text` (plain), after line `after`.
  local function line_of(text, after)
    for number, line in ipairs(lines()) do
      if number > (after or 0) and line:find(text, 1, true) then return number end
    end
    return nil
  end
  local function codes()
    local found = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do found[#found + 1] = tostring(d.code) end
    table.sort(found)
    return found
  end
  local function has_code(code)
    return vim.tbl_contains(codes(), code)
  end
  -- Waits for the server's findings to satisfy `condition` (diagnostics arrive asynchronously).
  local function wait_for(condition) return vim.wait(10000, condition, 20) end
  local function request(method, params)
    local responses = vim.lsp.buf_request_sync(buf, method, params, 10000) or {}
    for _, response in pairs(responses) do return response.result end
    return nil
  end
  local function at(line, text)
    local column = assert(lines()[line]:find(text, 1, true), text)
    vim.api.nvim_win_set_cursor(0, { line, column - 1 })
  end

  -- Diagnostics on open: codes, source, severity and the exact range of the team typo.
  check(wait_for(function() return #vim.diagnostic.get(buf) >= 4 end), 'findings arrive after the file opens', codes())
  check(vim.deep_equal(codes(), { 'undefined-stage', 'undefined-team', 'unused-suppression', 'vague-rule' }),
        'the findings are the four of the file', codes())
  local typo_line = line_of('owner: marketng')
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    check(d.source == 'stagelint', 'source is stagelint: ' .. tostring(d.code), d.source)
    if d.code == 'undefined-team' then
      check(d.lnum == typo_line - 1 and d.col == 11 and d.end_lnum == typo_line - 1 and d.end_col == 19,
            'the undefined team\'s range is the word marketng', { d.lnum, d.col, d.end_lnum, d.end_col })
      check(d.severity == vim.diagnostic.severity.ERROR, 'an error shows as an error', d.severity)
    elseif d.code == 'vague-rule' then
      check(d.severity == vim.diagnostic.severity.WARN, 'a warning shows as a warning', d.severity)
    elseif d.code == 'unused-suppression' then
      check(d.severity == vim.diagnostic.severity.INFO, 'an info shows as information', d.severity)
      check(d.end_col > d.col, 'the stale suppression\'s range covers its comment', { d.col, d.end_col })
    end
  end

  -- Go to definition with the editor's own command: from `to: disqualified` to the stage.
  local reference_line = line_of('- to: disqualified')
  at(reference_line, 'disqualified')
  vim.cmd('normal gd')
  local stage_line = line_of('  disqualified:')
  check(vim.wait(5000, function() return vim.api.nvim_win_get_cursor(0)[1] == stage_line end, 20),
        'gd jumps to the stage', vim.api.nvim_win_get_cursor(0))
  -- K shows the hover in a floating window.
  local function floats()
    local count = 0
    for _, window in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(window).relative ~= '' then count = count + 1 end
    end
    return count
  end
  at(reference_line, 'disqualified')
  vim.cmd('normal K')
  check(vim.wait(5000, function() return floats() > 0 end, 20), 'K opens the hover')
  for _, window in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(window).relative ~= '' then
      local shown = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(window), 0, -1, false), '\n')
      check(shown:find('Disqualified', 1, true) ~= nil, 'the hover window shows the stage', shown)
      vim.api.nvim_win_close(window, true)
    end
  end

  -- Hover, references, document symbols.
  at(reference_line, 'disqualified')
  local hover = request('textDocument/hover', vim.lsp.util.make_position_params())
  local hover_text = hover and hover.contents and hover.contents.value or ''
  check(hover_text:find('**Disqualified**', 1, true) ~= nil, 'hover names the stage', hover_text)
  local reference_params = vim.lsp.util.make_position_params()
  reference_params.context = { includeDeclaration = true }
  local references = request('textDocument/references', reference_params) or {}
  local function written(stage)  -- the key and the `to:` lines of a stage id
    local count = 0
    for _, line in ipairs(lines()) do
      if line:match('^%s+%- to: ' .. stage .. '$') or line == '  ' .. stage .. ':' then count = count + 1 end
    end
    return count
  end
  local expected = written('disqualified')
  check(#references == expected and expected > 1, 'find references lists the key and every `to:`', { #references, expected })
  local symbols = request('textDocument/documentSymbol', { textDocument = vim.lsp.util.make_text_document_params() }) or {}
  local names = {}
  for _, symbol in ipairs(symbols) do names[#names + 1] = symbol.name end
  check(names[1] == 'contact' and names[#names] == 'disqualified' and #names == 10, 'document symbols list the stages in order', names)

  -- Completion after `to: `.
  local misspelt_line = line_of('- to: leed')
  at(misspelt_line, 'leed')
  local completion = request('textDocument/completion', vim.lsp.util.make_position_params()) or {}
  local labels = {}
  for _, item in ipairs(completion.items or completion) do labels[#labels + 1] = item.label end
  check(vim.tbl_contains(labels, 'lead') and vim.tbl_contains(labels, 'opportunity') and not vim.tbl_contains(labels, 'marketing'),
        'completion after `to:` offers the stage ids', labels)

  -- Code actions: the LSP diagnostics of a line, as an editor sends them in the context.
  local function actions_at(line, text)
    at(line, text)
    local params = vim.lsp.util.make_range_params()
    local context = {}
    for _, d in ipairs(vim.diagnostic.get(buf, { lnum = line - 1 })) do
      context[#context + 1] = { range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
                                severity = d.severity, code = d.code, source = d.source, message = d.message }
    end
    params.context = { diagnostics = context }
    return request('textDocument/codeAction', params) or {}
  end
  local function titled(actions, prefix)
    for _, action in ipairs(actions) do
      if action.title:sub(1, #prefix) == prefix then return action end
    end
    return nil
  end
  local actions = actions_at(typo_line, 'marketng')
  local fix = titled(actions, "Fix: write 'marketing'")
  check(fix ~= nil and fix.kind == 'quickfix' and titled(actions, 'Disable undefined-team on this line') ~= nil,
        'the team typo offers its fix and the disable action', vim.tbl_map(function(a) return a.title end, actions))
  if fix then vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding) end
  check(lines()[typo_line] == '    owner: marketing', 'applying the fix writes the team id', lines()[typo_line])
  check(wait_for(function() return not has_code('undefined-team') end), 'the finding goes once the edit is sent', codes())

  local vague_line = line_of('entry: Usually signs up')
  local disable = titled(actions_at(vague_line, 'Usually'), 'Disable vague-rule on this line')
  if disable then vim.lsp.util.apply_workspace_edit(disable.edit, client.offset_encoding) end
  check(lines()[vague_line] == '    # stagelint-disable-next-line vague-rule', 'disable writes the comment above the line', lines()[vague_line])
  check(wait_for(function() return not has_code('vague-rule') end), 'the suppressed finding goes', codes())

  -- Rename with the editor's own command.
  at(line_of('  disqualified:'), 'disqualified')
  vim.lsp.buf.rename('not_a_fit')
  check(vim.wait(5000, function() return written('not_a_fit') == expected end, 20) and written('disqualified') == 0,
        'rename changes the key and every reference', { written('not_a_fit'), written('disqualified'), expected })

  -- Half-written YAML: its syntax error, then the findings again once it is mended.
  local broken_at = line_of('- to: leed')
  vim.api.nvim_buf_set_lines(buf, broken_at, broken_at, false, { '    exits: [ {to: ' })
  check(wait_for(function() return has_code('yaml-syntax') end), 'half-written YAML shows its syntax error', codes())
  vim.api.nvim_buf_set_lines(buf, broken_at, broken_at + 1, false, {})
  check(wait_for(function() return not has_code('yaml-syntax') and has_code('undefined-stage') end),
        'mended YAML gives the findings back', codes())

  -- A .stagelint.yml written while the file is open applies from the next change.
  local config = assert(io.open('.stagelint.yml', 'w'))
  config:write('rules:\n  unused-suppression: off\n')
  config:close()
  vim.api.nvim_buf_set_lines(buf, 0, 0, false, { '# edited' })
  check(wait_for(function() return not has_code('unused-suppression') and has_code('undefined-stage') end),
        'a new .stagelint.yml is read', codes())

  check(not client.is_stopped(), 'the server is still running after broken input')
  vim.lsp.stop_client(id)
  check(vim.wait(5000, function() return client.is_stopped() end, 20), 'shutdown and exit stop the server')
  -- Opening a playbook again starts a new server.
  vim.cmd('silent! write')
  vim.cmd('edit!')
  check(vim.wait(10000, function()
    local _, again = next(vim.lsp.buf_get_clients(buf))
    return again ~= nil and again.id ~= id and #vim.diagnostic.get(buf) > 0
  end, 20), 'reopening the file after the server stopped starts it again, with findings')
  for _, running in pairs(vim.lsp.buf_get_clients(buf)) do vim.lsp.stop_client(running.id) end
  vim.wait(5000, function() return next(vim.lsp.get_active_clients()) == nil end, 20)

end)
check(ok, 'the client script ran to its end', problem)
results:close()
if failed > 0 then vim.cmd('cquit 1') else vim.cmd('qall!') end
