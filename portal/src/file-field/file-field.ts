import { html, nothing } from 'lit';
import { acceptsFile, MAX_FILE_BYTES, type FileInput, type FileValue } from '../../../protocol/src/inputs.js';
import { FieldBase } from '../field-base/field-base.js';
import { fileFieldStyles } from './file-field.styles.js';

/** The file's bytes as base64 (the data: URL FileReader makes, without its prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = reader.result as string;
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/**
 * A small file stored with the settings (`FILE`: a certificate, a CSV template). The user picks
 * one; the field refuses a file over `MAX_FILE_BYTES` or of a type the input does not `accept`
 * (the server's rules), reads it, and tells it whole. It shows the current file's name and size,
 * with a Remove button.
 *
 * @summary Uploads a small file as a setting.
 * @fires paragon-field-change - The user picked a file, `{ name, mimeType, size, content }` with the content in base64; or `null` when they removed it.
 * @csspart field - The label, the file picker and the help around it.
 * @csspart tooltip - The disclosure with the input's longer help.
 * @csspart file - The current file's name and size.
 * @csspart remove - The button that removes the current file.
 */
export class FileField extends FieldBase<FileValue, FileInput> {
  static override styles = [...FieldBase.styles, fileFieldStyles];

  private async onChange(event: Event): Promise<void> {
    const picker = event.target as HTMLInputElement;
    const file = picker.files?.[0];
    picker.value = ''; // picking the same file again is a change too
    if (!file) return;
    const { title, accept } = this.input;
    const mimeType = file.type || 'application/octet-stream';
    if (!acceptsFile(accept, file.name, mimeType)) {
      this.problem = ({ t, list }) => t.fileTypeRefused(title, list(accept ?? []));
    } else if (file.size > MAX_FILE_BYTES) {
      this.problem = ({ t, number }) => t.fileTooLarge(title, number(MAX_FILE_BYTES / 1024));
    } else {
      try {
        this.commit({ name: file.name, mimeType, size: file.size, content: await readBase64(file) });
      } catch {
        this.problem = ({ t }) => t.fileUnreadable(title);
      }
    }
  }

  override render() {
    const { t, number } = this.i18n;
    const file = this.shownValue;
    const describedBy = [this.describedBy === nothing ? '' : this.describedBy, file ? 'file' : ''].filter(Boolean).join(' ');
    return this.renderField(html`${
      file
        ? html`<p class="file" id="file" part="file">
            <span class="file__name">${file.name}</span>
            <span class="file__size">${t.fileSize(number(file.size))}</span>
            ${this.isDisabled ? nothing : html`<button type="button" part="remove" @click=${() => this.commit(null)}>${t.removeFile}</button>`}
          </p>`
        : nothing
    }
      <input
        id="control"
        type="file"
        accept=${this.input.accept?.join(',') ?? nothing}
        ?required=${this.isRequired && !file}
        ?disabled=${this.isDisabled}
        aria-invalid=${this.invalid}
        aria-describedby=${describedBy || nothing}
        @change=${this.onChange}
      />`);
  }
}
