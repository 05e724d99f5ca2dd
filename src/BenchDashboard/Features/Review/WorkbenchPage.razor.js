// Keyboard shortcuts of the reviewers' workbench. Keys typed into text fields stay there (Esc leaves the field);
// "e" focuses the notes here, everything else goes to the page's .NET code.
let handler = null;

export function listen(page) {
    stop();
    handler = event => {
        if (event.ctrlKey || event.metaKey || event.altKey) return;
        const target = event.target;
        const typing = target instanceof HTMLElement &&
            (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)) &&
            !(target instanceof HTMLInputElement && ["radio", "checkbox", "button"].includes(target.type));
        if (typing) {
            if (event.key === "Escape") target.blur();
            return;
        }
        if (event.key === "e" || event.key === "E") {
            const notes = document.getElementById("review-notes");
            if (notes && !notes.disabled) {
                event.preventDefault();
                notes.focus();
            }
            return;
        }
        const known = /^[1-9gbynacjkmGBYNACJKM?]$/.test(event.key) || ["ArrowLeft", "ArrowRight", "Escape"].includes(event.key);
        if (!known) return;
        event.preventDefault();
        page.invokeMethodAsync("OnKeyAsync", event.key);
    };
    document.addEventListener("keydown", handler);
    // Lets people (and tests) know shortcuts work from now on.
    document.body.dataset.workbenchKeys = "on";
}

export function stop() {
    if (handler) document.removeEventListener("keydown", handler);
    handler = null;
    delete document.body.dataset.workbenchKeys;
}
