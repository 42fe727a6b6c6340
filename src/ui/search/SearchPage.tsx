import { searchKey } from '../../io/search/search-params.ts';
import { useSearchStore } from '../../loading/search-store.ts';
import { SearchForm } from './SearchForm.tsx';
import { SearchResults } from './SearchResults.tsx';
import './search.css';

/** Search a backend: the fields (from the address), then the matching traces as a plot and a list. */
export function SearchPage() {
  const query = useSearchStore((s) => s.query);
  if (query === null) return null;
  return (
    <main className="search-page" data-testid="search-page">
      {/* A new search from the address (Back, a link) refills the fields. */}
      <SearchForm key={searchKey(query)} initial={query} />
      <SearchResults />
    </main>
  );
}
