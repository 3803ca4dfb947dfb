;;; emacs-client.el --- `stagelint lsp' driven by Emacs's eglot, in batch mode (issue 20)  -*- lexical-binding: t -*-
;;
;; Started by scripts/check-editors.sh inside a scratch folder that holds funnel.yaml (gtm-lead-stages
;; with a team typo, a vague entry rule, a misspelt stage reference and a stale suppression comment).
;; Uses the set-up docs/editors.md gives, then eglot's own commands as a person would: Flymake's
;; findings, code actions (picking an action as from the prompt), xref definition and references,
;; ElDoc's hover, imenu, rename, broken YAML, a .stagelint.yml written on disk, and shutdown.
;; Written for eglot 1.9 on Emacs 28 (Debian 12's elpa-eglot) and the eglot built into later Emacs.
;; Writes one line per check ("ok: ..." or "FAILED: ...") to $RESULTS; exits 1 when a check failed.

(require 'package)
(package-initialize)
(require 'yaml-mode)
(require 'eglot)
(require 'xref)
(require 'cl-lib)

;; docs/editors.md's set-up, with the binary under test.
(add-to-list 'eglot-server-programs
             `((yaml-mode yaml-ts-mode) . (,(or (getenv "STAGELINT") "stagelint") "lsp")))

(defvar check-failed 0)
(defvar check-results (or (getenv "RESULTS") (error "Set RESULTS")))

(defun check (condition what &optional detail)
  "Record the check WHAT: passed when CONDITION is non-nil, else failed with DETAIL."
  (unless condition (setq check-failed (1+ check-failed)))
  (write-region (format "%s: %s%s\n" (if condition "ok" "FAILED") what
                        (if (and detail (not condition)) (format " (%S)" detail) ""))
                nil check-results t 'quiet))

(defun wait-for (predicate &optional seconds)
  "Wait as the editor waits for a key, until PREDICATE is true or SECONDS pass.
Waiting in `read-event' (standard input is a pipe that never sends anything) runs what an idle
editor runs: the server's messages, timers and file notifications (`accept-process-output' alone
does not deliver these in batch mode); and idle timers (eglot sends changes from one)."
  (let ((deadline (+ (float-time) (or seconds 10))))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (read-event nil nil 0.05)
      ;; Batch Emacs is never idle: run the idle timers as an editor left alone would.
      (mapc #'timer-event-handler timer-idle-list))
    (funcall predicate)))

(defun codes ()
  "The rule ids of the buffer's Flymake findings, sorted."
  (sort (mapcar (lambda (d)
                  (let ((text (flymake-diagnostic-text d)))
                    (if (string-match "\\[\\([a-z-]+\\)\\]" text) (match-string 1 text) text)))
                (flymake-diagnostics))
        #'string<))

(defun goto-text (text &optional occurrence)
  "Put point on the OCCURRENCE-th (default first) TEXT in the buffer; return its line."
  (goto-char (point-min))
  (search-forward text nil nil (or occurrence 1))
  (goto-char (match-beginning 0))
  (line-number-at-pos))

(defun written (stage)
  "How many times STAGE is written as a stage key or a `to:' reference."
  (let ((count 0))
    (save-excursion
      (goto-char (point-min))
      (while (re-search-forward (format "^\\(  %s:\\|\\s-+- to: %s\\)$" stage stage) nil t)
        (setq count (1+ count))))
    count))

(defun run-checks ()
  (find-file "funnel.yaml")
  (eglot-ensure)
  (run-hooks 'post-command-hook)  ; eglot-ensure connects after the command that opened the file
  (check (wait-for #'eglot-current-server) "eglot starts stagelint lsp for a YAML buffer")
  (flymake-start)
  (check (wait-for (lambda () (= (length (flymake-diagnostics)) 4)))
         "Flymake shows the four findings" (codes))
  (check (equal (codes) '("undefined-stage" "undefined-team" "unused-suppression" "vague-rule"))
         "the findings carry their rule ids" (codes))
  (let ((types (sort (mapcar (lambda (d) (symbol-name (flymake-diagnostic-type d))) (flymake-diagnostics)) #'string<)))
    (check (equal types '("eglot-error" "eglot-error" "eglot-note" "eglot-warning"))
           "severities map to error, warning and note" types))
  (goto-text "marketng")
  (let* ((finding (car (flymake-diagnostics (point)))))
    (check (and finding (equal (buffer-substring (flymake-diagnostic-beg finding) (flymake-diagnostic-end finding)) "marketng"))
           "the undefined team's finding covers the word marketng")
    ;; A code action, picked at eglot's prompt.
    (let ((last-nonmenu-event ?\r)
          (completing-read-function (lambda (_prompt collection &rest _)
                                      (check (member "Disable undefined-team on this line" (mapcar #'car collection))
                                             "the prompt offers the disable action" (mapcar #'car collection))
                                      "Fix: write 'marketing'")))
      (eglot-code-actions (point) (point) nil t))
    (check (equal (buffer-substring (line-beginning-position) (line-end-position)) "    owner: marketing")
           "the picked fix writes the team id")
    (check (wait-for (lambda () (not (member "undefined-team" (codes)))))
           "the finding goes once the change is sent" (codes)))
  ;; Go to definition and find references, through xref.
  (let ((stage-line (save-excursion (goto-text "  disqualified:"))))
    (goto-text "- to: disqualified")
    (search-forward "disqualified")
    (backward-char 2)
    (let ((references (xref-backend-references 'eglot (xref-backend-identifier-at-point 'eglot))))
      (check (= (length references) (written "disqualified")) "references list the key and every `to:`"
             (length references)))
    (xref-find-definitions (xref-backend-identifier-at-point 'eglot))
    (check (= (line-number-at-pos) stage-line) "M-. goes to the stage" (line-number-at-pos)))
  ;; Hover, as ElDoc asks for it.
  (goto-text "- to: disqualified")
  (search-forward "disq")
  (let ((hover nil))
    (eglot-hover-eldoc-function (lambda (info &rest _) (setq hover info)))
    (check (wait-for (lambda () hover)) "ElDoc shows the hover")
    (check (and hover (string-match-p "Disqualified" hover)) "the hover names the stage" hover)
    ;; Eglot without markdown-mode asks for plain text: no Markdown marks in what ElDoc shows.
    (check (and hover (not (string-match-p "\\*\\*\\|`" hover))) "the hover is plain text, as eglot asked" hover))
  ;; imenu lists the stages.
  (let* ((index (eglot-imenu))
         (names (mapcar #'car (cdr (car index)))))
    (check (and (equal (car names) "contact") (= (length names) 10)) "imenu lists the ten stages" index))
  ;; Rename.
  (let ((before (written "disqualified")))
    (goto-text "  disqualified:")
    (forward-char 4)
    (eglot-rename "not_a_fit")
    (check (and (= (written "not_a_fit") before) (= (written "disqualified") 0))
           "eglot-rename changes the key and every reference" (list (written "not_a_fit") before)))
  ;; Half-written YAML, then mended.
  (goto-text "- to: leed")
  (beginning-of-line)
  (insert "    exits: [ {to: \n")
  (check (wait-for (lambda () (member "yaml-syntax" (codes)))) "half-written YAML shows its syntax error" (codes))
  (forward-line -1)
  (delete-region (line-beginning-position) (1+ (line-end-position)))
  (check (wait-for (lambda () (and (not (member "yaml-syntax" (codes))) (member "undefined-stage" (codes)))))
         "mended YAML gives the findings back" (codes))
  ;; A .stagelint.yml written on disk: the watched-file notice makes the server check again.
  (write-region "rules:\n  unused-suppression: off\n" nil ".stagelint.yml" nil 'quiet)
  (check (wait-for (lambda () (and (not (member "unused-suppression" (codes))) (member "undefined-stage" (codes)))))
         "a new .stagelint.yml applies without an edit" (codes))
  (let ((server (eglot-current-server)))
    (check (jsonrpc-running-p server) "the server is still running after broken input")
    ;; eglot-shutdown fails when `shutdown' is not answered; then (in Emacs 28's jsonrpc) it deletes
    ;; the process at once, so the server's own exit status is checked by scripts/check-lsp.py.
    (eglot-shutdown server)
    (check (not (jsonrpc-running-p server)) "eglot-shutdown stops the server")))

(condition-case problem
    (run-checks)
  (error (check nil "the client script ran to its end" problem)))
(set-buffer-modified-p nil)
(kill-emacs (if (> check-failed 0) 1 0))
