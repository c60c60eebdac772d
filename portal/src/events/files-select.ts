import type { FileDescriptor } from '../../../protocol/src/files.js';

/** Fired by `<paragon-file-picker>` when the user chose: the items, as the server read them back from the account. */
export class FilesSelectEvent extends Event {
  static readonly eventName = 'paragon-files-select';
  constructor(readonly detail: { files: FileDescriptor[] }) {
    super(FilesSelectEvent.eventName, { bubbles: true });
  }
}

/** Fired by `<paragon-file-picker>` when the user cancels. */
export class PickerCancelEvent extends Event {
  static readonly eventName = 'paragon-picker-cancel';
  constructor() {
    super(PickerCancelEvent.eventName, { bubbles: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'paragon-files-select': FilesSelectEvent;
    'paragon-picker-cancel': PickerCancelEvent;
  }
}
