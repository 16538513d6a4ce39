-- Drives Neovim 0.7's built-in LSP client the way a user's config would: open a gateway.toml,
-- attach gateway-lsp to its buffer, wait until the server's diagnostics reach vim.diagnostic, then
-- write them as JSON and quit. 0.7 has no vim.lsp.start (0.8+), hence start_client/buf_attach_client.
-- Inputs come from the environment so the test needs no quoting of paths on the command line:
--   GATEWAY_LSP_CMD  JSON array, the server command (e.g. ["dotnet", ".../Gateway.LanguageServer.dll"])
--   GATEWAY_TOML     the file to open
--   GATEWAY_OUT      where to write {"diagnostics": [...]} or {"error": "..."}
--   GATEWAY_WAIT_MS  how long to wait for diagnostics
local out = assert(os.getenv('GATEWAY_OUT'), 'GATEWAY_OUT is not set')

local function finish(result, code)
  local file = assert(io.open(out, 'w'))
  file:write(vim.json.encode(result))
  file:close()
  vim.cmd(code == 0 and 'qall!' or 'cquit! ' .. code)
end

local ok, err = pcall(function()
  local cmd = vim.json.decode((assert(os.getenv('GATEWAY_LSP_CMD'), 'GATEWAY_LSP_CMD is not set')))
  local toml = assert(os.getenv('GATEWAY_TOML'), 'GATEWAY_TOML is not set')
  local wait_ms = tonumber(os.getenv('GATEWAY_WAIT_MS') or '30000')

  vim.cmd('edit ' .. vim.fn.fnameescape(toml))
  local bufnr = vim.api.nvim_get_current_buf()
  -- -u NONE loads no filetype detection; an editor config would have set this.
  vim.bo[bufnr].filetype = 'toml'

  local client_id = vim.lsp.start_client({
    name = 'gateway-lsp',
    cmd = cmd,
    root_dir = vim.fn.fnamemodify(toml, ':p:h'),
  })
  if not client_id then error('vim.lsp.start_client did not start ' .. table.concat(cmd, ' ')) end
  if not vim.lsp.buf_attach_client(bufnr, client_id) then error('vim.lsp.buf_attach_client failed') end

  local arrived = vim.wait(wait_ms, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
  if not arrived then error('no diagnostics within ' .. wait_ms .. ' ms') end

  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(diagnostics, {
      code = d.code or lsp.code,
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      severity = d.severity,
      message = d.message,
      client = vim.lsp.get_client_by_id(client_id).name,
    })
  end
  vim.lsp.stop_client(client_id)
  finish({ diagnostics = diagnostics }, 0)
end)
if not ok then finish({ error = tostring(err) }, 3) end
