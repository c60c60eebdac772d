/**
 * The file picker's words, in every language of the portal. They live with the picker, not in the
 * portal's tables, because the picker is its own file, loaded the first time a host opens it: a
 * portal that never shows it never downloads them.
 */
import type { LocaleTag } from '../translations/i18n.js';

export interface PickerStrings {
  /** The dialog's title, by whether several items may be chosen. */
  title(multiple: boolean): string;
  /** The root folder's name in the breadcrumbs. */
  root: string;
  folderPath: string;
  search: string;
  /** The type filter's label, and its option for every allowed type. */
  fileType: string;
  allAllowedTypes: string;
  /** The list's label: the folder's name, or the search. */
  listOf(folder: string): string;
  searchResults(search: string): string;
  openFolder(name: string): string;
  folder: string;
  loading: string;
  loadMore: string;
  empty: string;
  noMatches: string;
  failed(message: string): string;
  retry: string;
  selected(count: number): string;
  select: string;
  cancel: string;
}

const en: PickerStrings = {
  title: (multiple) => (multiple ? 'Choose files' : 'Choose a file'),
  root: 'All files',
  folderPath: 'Folder path',
  search: 'Search files',
  fileType: 'File type',
  allAllowedTypes: 'All allowed types',
  listOf: (folder) => `Files in ${folder}`,
  searchResults: (search) => `Files matching “${search}”`,
  openFolder: (name) => `Open folder ${name}`,
  folder: 'Folder',
  loading: 'Loading files…',
  loadMore: 'Load more',
  empty: 'This folder is empty.',
  noMatches: 'No files match.',
  failed: (message) => `The files could not be loaded: ${message}`,
  retry: 'Try again',
  selected: (count) => (count === 1 ? '1 item selected' : `${count} items selected`),
  select: 'Select',
  cancel: 'Cancel',
};

const de: PickerStrings = {
  title: (multiple) => (multiple ? 'Dateien auswählen' : 'Datei auswählen'),
  root: 'Alle Dateien',
  folderPath: 'Ordnerpfad',
  search: 'Dateien durchsuchen',
  fileType: 'Dateityp',
  allAllowedTypes: 'Alle erlaubten Typen',
  listOf: (folder) => `Dateien in ${folder}`,
  searchResults: (search) => `Dateien zu „${search}“`,
  openFolder: (name) => `Ordner ${name} öffnen`,
  folder: 'Ordner',
  loading: 'Dateien werden geladen …',
  loadMore: 'Mehr laden',
  empty: 'Dieser Ordner ist leer.',
  noMatches: 'Keine passenden Dateien.',
  failed: (message) => `Die Dateien konnten nicht geladen werden: ${message}`,
  retry: 'Erneut versuchen',
  selected: (count) => (count === 1 ? '1 Element ausgewählt' : `${count} Elemente ausgewählt`),
  select: 'Auswählen',
  cancel: 'Abbrechen',
};

const fr: PickerStrings = {
  title: (multiple) => (multiple ? 'Choisissez des fichiers' : 'Choisissez un fichier'),
  root: 'Tous les fichiers',
  folderPath: 'Chemin du dossier',
  search: 'Rechercher des fichiers',
  fileType: 'Type de fichier',
  allAllowedTypes: 'Tous les types autorisés',
  listOf: (folder) => `Fichiers de ${folder}`,
  searchResults: (search) => `Fichiers correspondant à « ${search} »`,
  openFolder: (name) => `Ouvrir le dossier ${name}`,
  folder: 'Dossier',
  loading: 'Chargement des fichiers…',
  loadMore: 'Charger plus',
  empty: 'Ce dossier est vide.',
  noMatches: 'Aucun fichier ne correspond.',
  failed: (message) => `Les fichiers n’ont pas pu être chargés : ${message}`,
  retry: 'Réessayer',
  selected: (count) => (count <= 1 ? `${count} élément sélectionné` : `${count} éléments sélectionnés`),
  select: 'Sélectionner',
  cancel: 'Annuler',
};

const es: PickerStrings = {
  title: (multiple) => (multiple ? 'Elija archivos' : 'Elija un archivo'),
  root: 'Todos los archivos',
  folderPath: 'Ruta de la carpeta',
  search: 'Buscar archivos',
  fileType: 'Tipo de archivo',
  allAllowedTypes: 'Todos los tipos permitidos',
  listOf: (folder) => `Archivos de ${folder}`,
  searchResults: (search) => `Archivos que coinciden con «${search}»`,
  openFolder: (name) => `Abrir la carpeta ${name}`,
  folder: 'Carpeta',
  loading: 'Cargando archivos…',
  loadMore: 'Cargar más',
  empty: 'Esta carpeta está vacía.',
  noMatches: 'Ningún archivo coincide.',
  failed: (message) => `No se pudieron cargar los archivos: ${message}`,
  retry: 'Reintentar',
  selected: (count) => (count === 1 ? '1 elemento seleccionado' : `${count} elementos seleccionados`),
  select: 'Seleccionar',
  cancel: 'Cancelar',
};

const ja: PickerStrings = {
  title: (multiple) => (multiple ? 'ファイルを選択してください' : 'ファイルを1つ選択してください'),
  root: 'すべてのファイル',
  folderPath: 'フォルダーのパス',
  search: 'ファイルを検索',
  fileType: 'ファイルの種類',
  allAllowedTypes: '許可されたすべての種類',
  listOf: (folder) => `${folder} のファイル`,
  searchResults: (search) => `「${search}」に一致するファイル`,
  openFolder: (name) => `フォルダー ${name} を開く`,
  folder: 'フォルダー',
  loading: 'ファイルを読み込んでいます…',
  loadMore: 'さらに読み込む',
  empty: 'このフォルダーは空です。',
  noMatches: '一致するファイルはありません。',
  failed: (message) => `ファイルを読み込めませんでした: ${message}`,
  retry: '再試行',
  selected: (count) => `${count} 件を選択済み`,
  select: '選択',
  cancel: 'キャンセル',
};

export const PICKER_STRINGS: Readonly<Record<LocaleTag, PickerStrings>> = { en, de, fr, es, ja };
