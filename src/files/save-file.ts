/** Hands a text to the browser as a file download, from an object URL that lives only as long as the click. */

/**
 * Saves `text` as `name`. Returns the revoke of its object URL, which also runs by itself a second
 * after the click (the browser has taken the file by then): a window that holds a secret calls it
 * when it closes, so nothing of the file outlives the window.
 */
export function saveFile(name: string, text: string, type: string): () => void {
  let url: string | undefined = URL.createObjectURL(new Blob([text], { type }));
  const revoke = () => {
    if (url) URL.revokeObjectURL(url);
    url = undefined;
  };
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(revoke, 1000);
  return revoke;
}
